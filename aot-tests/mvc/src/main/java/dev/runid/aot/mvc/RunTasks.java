package dev.runid.aot.mvc;

import java.util.concurrent.CompletableFuture;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.NewRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Work outside the request thread: an {@code @Async} task, a {@code @NewRun} method and a
 * {@code @Scheduled} job.
 */
@Component
public class RunTasks {

	private static final Logger logger = LoggerFactory.getLogger(RunTasks.class);

	@Async
	public CompletableFuture<String> inBackground() {
		logger.info("async task");
		return CompletableFuture.completedFuture(current() + " on " + Thread.currentThread().getName());
	}

	@NewRun
	public String child() {
		RunId run = RunContext.current().orElseThrow();
		return run.value() + " parent=" + run.parent().map(RunId::value).orElse("none");
	}

	@Scheduled(fixedDelay = 60_000)
	public void tick() {
		logger.info("scheduled tick");
	}

	private static String current() {
		return RunContext.current().map(RunId::value).orElse("none");
	}

}
