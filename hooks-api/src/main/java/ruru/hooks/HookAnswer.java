package ruru.hooks;

import ruru.json.Element;

/**
 * A command's answer, as Kea's {@code createAnswer}: {@code result} (0 success, 1 error, 2
 * unsupported, 3 empty, 4 conflict), {@code text} (may be null) and {@code arguments} (may be null).
 */
public record HookAnswer(int result, String text, Element arguments) {

    public static HookAnswer ok(String text) {
        return new HookAnswer(0, text, null);
    }

    public static HookAnswer ok(String text, Element arguments) {
        return new HookAnswer(0, text, arguments);
    }

    public static HookAnswer error(String text) {
        return new HookAnswer(1, text, null);
    }

    public static HookAnswer empty(String text) {
        return new HookAnswer(3, text, null);
    }
}
