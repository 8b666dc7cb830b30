package ruru.control;

import java.util.Objects;

import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * A command's answer: {@code result}, {@code text} (omitted when null or empty, as Kea's
 * createAnswer does) and {@code arguments} (omitted when null).
 */
public record Answer(ResultCode result, String text, Element arguments) {

    public Answer {
        Objects.requireNonNull(result, "result");
    }

    public static Answer ok(String text) {
        return new Answer(ResultCode.SUCCESS, text, null);
    }

    public static Answer ok(String text, Element arguments) {
        return new Answer(ResultCode.SUCCESS, text, arguments);
    }

    public static Answer okArgs(Element arguments) {
        return new Answer(ResultCode.SUCCESS, null, arguments);
    }

    public static Answer error(String text) {
        return new Answer(ResultCode.ERROR, text, null);
    }

    public static Answer empty(String text) {
        return new Answer(ResultCode.EMPTY, text, null);
    }

    public static Answer conflict(String text) {
        return new Answer(ResultCode.CONFLICT, text, null);
    }

    /** Kea's {@code 'foo' command not supported.} */
    public static Answer unsupported(String command) {
        return new Answer(ResultCode.UNSUPPORTED, "'" + command + "' command not supported.", null);
    }

    public boolean isSuccess() {
        return result.value() == 0;
    }

    public MapElement toElement() {
        MapElement.Builder b = MapElement.builder();
        if (arguments != null) {
            b.put("arguments", arguments);
        }
        b.put("result", new IntElement(result.value(), Position.NONE));
        if (text != null && !text.isEmpty()) {
            b.put("text", new StringElement(text, Position.NONE));
        }
        return b.build();
    }
}
