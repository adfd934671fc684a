package io.switchboard.sasl.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** An executor that keeps what is scheduled, with its delay, until the test runs it: delays tested without waiting. */
final class DelayedAnswers extends ScheduledThreadPoolExecutor {

    record Task(Runnable task, long delayMillis) {
    }

    final List<Task> scheduled = new ArrayList<>();

    DelayedAnswers() {
        super(0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        scheduled.add(new Task(command, unit.toMillis(delay)));
        return null;
    }

    /** Runs what is scheduled, in order; the delay of each. */
    List<Long> runAll() {
        List<Task> due = List.copyOf(scheduled);
        scheduled.clear();
        due.forEach(task -> task.task().run());
        return due.stream().map(Task::delayMillis).toList();
    }
}
