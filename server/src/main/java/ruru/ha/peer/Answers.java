package ruru.ha.peer;

import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * Reads a peer's answer as Kea's verifyAsyncResponse does: a list of answers (the Control Agent's
 * shape, also a Kea 3 daemon's and ruru's), or a bare map for the agent's own errors; the first
 * answer's result decides. Failures carry Kea's text: {@code <text> (error code N)}.
 */
public final class Answers {

    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;
    public static final int CONFLICT = 4;

    private Answers() {
    }

    /** The first answer's arguments (null when it has none) when its result is 0 (or 3 without failed leases). */
    public static Element verify(Element body) throws PeerException {
        MapElement answer;
        if (body instanceof MapElement m) {
            // an agent error as a bare map: Kea keeps its text and calls it an error
            answer = MapElement.builder().put("result", ERROR)
                    .put("text", m.get("text") instanceof StringElement s ? s : Element.of("")).build();
        } else if (body instanceof ListElement list) {
            if (list.isEmpty()) {
                throw new PeerException(PeerException.Kind.ERROR, ERROR, "list of responses must not be empty");
            }
            if (!(list.get(0) instanceof MapElement first)) {
                throw new PeerException(PeerException.Kind.ERROR, ERROR, "invalid answer: not a map");
            }
            answer = first;
        } else {
            throw new PeerException(PeerException.Kind.ERROR, ERROR, "body of the response must be a list");
        }
        if (!(answer.get("result") instanceof IntElement result)) {
            throw new PeerException(PeerException.Kind.ERROR, ERROR, "invalid answer: 'result' is missing or not an "
                    + "integer");
        }
        int rcode = (int) result.value();
        if (rcode == SUCCESS) {
            return answer.get("arguments");
        }
        Element args = answer.get("arguments");
        if (rcode == EMPTY) {
            failedLeases(args);
            return args;
        }
        String text = answer.get("text") instanceof StringElement s ? s.value() + " (" : "";
        String message = text + "error code " + rcode + ")";
        throw new PeerException(switch (rcode) {
            case UNSUPPORTED -> PeerException.Kind.UNSUPPORTED;
            case CONFLICT -> PeerException.Kind.CONFLICT;
            default -> PeerException.Kind.ERROR;
        }, rcode, message);
    }

    /** lease6-bulk-apply answers 3 with failed leases inside: an error wins over a conflict. */
    private static void failedLeases(Element args) throws PeerException {
        if (!(args instanceof MapElement m) || !(m.get("failed-leases") instanceof ListElement failed)) {
            return;
        }
        String conflict = null;
        for (Element e : failed.items()) {
            if (!(e instanceof MapElement lease) || !(lease.get("result") instanceof IntElement r)) {
                continue;
            }
            String text = lease.get("error-message") instanceof StringElement s ? s.value() + " (" : "";
            if (r.value() == ERROR) {
                throw new PeerException(PeerException.Kind.ERROR, ERROR, text + "error code " + ERROR + ")");
            }
            if (r.value() == CONFLICT) {
                conflict = text + "error code " + CONFLICT + ")";
            }
        }
        if (conflict != null) {
            throw new PeerException(PeerException.Kind.CONFLICT, CONFLICT, conflict);
        }
    }
}
