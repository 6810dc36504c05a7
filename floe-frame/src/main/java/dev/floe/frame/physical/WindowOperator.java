package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.exec.Windows;
import dev.floe.frame.plan.Window;

/** Window columns ({@code over}, bins cut from the data), each computed over the whole input. */
final class WindowOperator extends HoldingOperator {
    private final Window window;

    WindowOperator(Window window) {
        super(window.schema(), window.toString());
        this.window = window;
    }

    @Override
    DataFrame apply(DataFrame input, ExecutionContext context) {
        return Windows.compute(input, window.windows(), window.names(), context);
    }
}
