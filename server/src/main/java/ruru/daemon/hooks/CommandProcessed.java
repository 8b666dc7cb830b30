package ruru.daemon.hooks;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandRegistry;
import ruru.control.ResultCode;
import ruru.hooks.CommandProcessedCallout;
import ruru.hooks.HookPoint;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** Runs the {@code command_processed} callouts on every answer; their change of the answer is sent. */
record CommandProcessed(CalloutRegistry callouts) implements CommandRegistry.CommandObserver {

    @Override
    public Answer processed(Command command, Answer answer) {
        MapElement before = answer.toElement();
        var args = new CommandProcessedCallout.Args(command.name(), command.arguments(), before);
        callouts.call(HookPoint.COMMAND_PROCESSED, args, CommandProcessedCallout::commandProcessed);
        MapElement after = args.response();
        if (after == before) {
            return answer;
        }
        long result = after.get("result") instanceof IntElement i ? i.value() : answer.result().value();
        String text = after.get("text") instanceof StringElement s ? s.value() : null;
        Element arguments = after.get("arguments");
        return new Answer(new ResultCode((int) result), text, arguments);
    }
}
