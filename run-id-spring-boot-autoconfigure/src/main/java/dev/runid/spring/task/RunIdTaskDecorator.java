package dev.runid.spring.task;

import dev.runid.RunContext;

import org.springframework.core.task.TaskDecorator;

/**
 * {@link TaskDecorator} that runs every task with the run that was current when it was
 * submitted, and with no run if none was. Boot applies every {@code TaskDecorator} bean
 * to the executors and schedulers it builds, combined with the application's own.
 */
public final class RunIdTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		return RunContext.wrap(runnable);
	}

}
