package io.symbolon.cli;

import io.symbolon.archive.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over the bytes of the files an operation reads, drawn on the terminal's progress
 * stream (stderr) only when someone is watching a terminal and did not ask for quiet; otherwise it
 * reports nowhere. Closing it removes nothing the command printed.
 */
public final class FileProgress implements Progress, AutoCloseable {
    private final ProgressBar bar;

    private FileProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for reading {@code files} once each, or a silent one. */
    public static FileProgress start(Terminal terminal, boolean quiet, String task, List<Path> files) {
        if (quiet || !terminal.interactive()) {
            return new FileProgress(null);
        }
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // the operation itself reports the missing file
            }
        }
        return new FileProgress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(total, 1))
                .setUnit(" MiB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(terminal.progress()))
                .clearDisplayOnFinish()
                .showSpeed()
                .build());
    }

    @Override
    public void advance(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
