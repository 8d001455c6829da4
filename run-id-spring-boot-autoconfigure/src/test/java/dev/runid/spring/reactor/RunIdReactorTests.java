package dev.runid.spring.reactor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.RunListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link RunIdReactor} and {@link RunIdSchedulerHook} on real Reactor
 * schedulers and a pool of their own.
 */
class RunIdReactorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final RunId runId = RunId.fromString("reactor-run");

	private final RunIdSchedulerHook hook = new RunIdSchedulerHook();

	private final ExecutorService foreign = Executors.newSingleThreadExecutor();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private AutoCloseable listener;

	@BeforeEach
	void start() {
		this.hook.afterPropertiesSet();
		this.listener = RunContext.addListener(new RunListener() {

			@Override
			public void entered(RunId runId) {
				RunIdReactorTests.this.events.add("entered " + runId);
			}

			@Override
			public void exited(RunId runId) {
				RunIdReactorTests.this.events.add("exited " + runId);
			}

		});
	}

	@AfterEach
	void stop() throws Exception {
		this.listener.close();
		this.hook.destroy();
		this.foreign.shutdownNow();
		assertThat(this.foreign.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void runIsCurrentWhileAssembledAndAfterEveryHop() {
		Mono<String> pipeline = RunIdReactor.run(this.runId, () -> {
			String assembled = seen();
			return Mono.fromCallable(RunIdReactorTests::seen)
				.subscribeOn(Schedulers.boundedElastic())
				.publishOn(Schedulers.parallel())
				.map((onElastic) -> assembled + "|" + onElastic + "|" + seen())
				.delayElement(Duration.ofMillis(5))
				.map((before) -> before + "|" + seen())
				.flatMap((before) -> Mono
					.deferContextual((context) -> Mono.just(before + "|" + context.get(RunIdThreadLocalAccessor.KEY))));
		});
		assertThat(pipeline.block(TIMEOUT).split("\\|")).containsExactly("reactor-run/reactor-run",
				"reactor-run/reactor-run", "reactor-run/reactor-run", "reactor-run/reactor-run", "reactor-run");
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void restoreMakesTheRunCurrentWhereSignalsOfAForeignThreadArrive() {
		Sinks.One<String> sink = Sinks.one();
		Mono<String> withoutRestore = sink.asMono().map((value) -> seen());
		Sinks.One<String> restoredSink = Sinks.one();
		Mono<String> restored = RunIdReactor.restore(restoredSink.asMono(), this.runId).map((value) -> seen());
		Runnable emit = () -> {
			awaitSubscriber(sink::currentSubscriberCount);
			awaitSubscriber(restoredSink::currentSubscriberCount);
			sink.tryEmitValue("x");
			restoredSink.tryEmitValue("x");
		};
		Tuple2<String, String> seen = RunIdReactor
			.run(this.runId,
					() -> withoutRestore.zipWith(restored).doOnSubscribe((subscription) -> this.foreign.execute(emit)))
			.block(TIMEOUT);
		assertThat(seen.getT1()).as("signal of the foreign thread").isEqualTo("none/null");
		assertThat(seen.getT2()).as("restored").isEqualTo("reactor-run/reactor-run");
	}

	@Test
	void restoreOfAFluxDeliversEveryElementInTheRun() {
		Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
		Flux<String> restored = RunIdReactor.restore(sink.asFlux(), this.runId).map((value) -> value + ":" + seen());
		Runnable emit = () -> {
			awaitSubscriber(sink::currentSubscriberCount);
			for (int i = 0; i < 3; i++) {
				sink.tryEmitNext(i);
			}
			sink.tryEmitComplete();
		};
		assertThat(restored.doOnSubscribe((subscription) -> this.foreign.execute(emit)).collectList().block(TIMEOUT))
			.containsExactly("0:reactor-run/reactor-run", "1:reactor-run/reactor-run", "2:reactor-run/reactor-run");
	}

	@Test
	void runIsHeldUntilThePipelineCompletesFailsOrIsCancelled() {
		// block() returns while the worker that delivered the last signal is still inside
		// the run's scopes: wait for it to leave them
		assertThat(RunIdReactor.run(this.runId, () -> Mono.just("x").delayElement(Duration.ofMillis(5))).block(TIMEOUT))
			.isEqualTo("x");
		awaitAllExited();
		assertThat(this.events).first().isEqualTo("entered reactor-run");

		this.events.clear();
		Mono<Object> failing = RunIdReactor.run(this.runId,
				() -> Mono.delay(Duration.ofMillis(5)).then(Mono.error(new IllegalStateException("boom"))));
		assertThatIllegalStateException().isThrownBy(() -> failing.block(TIMEOUT)).withMessage("boom");
		awaitAllExited();

		this.events.clear();
		Disposable subscription = RunIdReactor.run(this.runId, Mono::never).subscribe();
		assertThat(balance()).isOne();
		subscription.dispose();
		assertThat(this.events).last().isEqualTo("exited reactor-run");
		assertThat(balance()).isZero();
	}

	private void awaitAllExited() {
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(balance()).isZero();
			assertThat(this.events).last().isEqualTo("exited reactor-run");
		});
	}

	@Test
	void aFailingPipelineSupplierFailsTheMonoAndReleasesTheRun() {
		Mono<Object> failing = RunIdReactor.run(this.runId, () -> {
			throw new IllegalStateException("cannot assemble");
		});
		assertThatIllegalStateException().isThrownBy(() -> failing.block(TIMEOUT)).withMessage("cannot assemble");
		assertThat(balance()).isZero();
	}

	@Test
	void nestedRunIsCurrentInsideAndTheOuterOneAfter() {
		RunId child = RunId.generate(this.runId);
		Mono<String> pipeline = RunIdReactor.run(this.runId,
				() -> RunIdReactor.run(child, () -> Mono.just("x").publishOn(Schedulers.parallel()).map((x) -> seen()))
					.publishOn(Schedulers.single())
					.map((inner) -> inner + "|" + seen()));
		assertThat(pipeline.block(TIMEOUT)).isEqualTo(child.value() + "/" + child.value() + "|reactor-run/reactor-run");
	}

	@Test
	void schedulerHookLeavesTasksWithoutARunAloneAndIsRemovedOnDestroy() throws Exception {
		assertThat(Mono.fromCallable(RunIdReactorTests::seen).subscribeOn(Schedulers.parallel()).block())
			.isEqualTo("none/null");
		this.hook.destroy();
		try (RunContext scope = RunContext.enter(this.runId)) {
			assertThat(Mono.fromCallable(RunIdReactorTests::seen).subscribeOn(Schedulers.parallel()).block())
				.isEqualTo("none/null");
		}
		this.hook.afterPropertiesSet();
	}

	@Test
	void rejectsNulls() {
		assertThatNullPointerException().isThrownBy(() -> RunIdReactor.restore((Mono<String>) null, this.runId))
			.withMessage("source must not be null");
		assertThatNullPointerException().isThrownBy(() -> RunIdReactor.run(null, Mono::empty))
			.withMessage("runId must not be null");
	}

	private int balance() {
		int balance = 0;
		for (String event : this.events) {
			balance += event.startsWith("entered") ? 1 : -1;
		}
		return balance;
	}

	/**
	 * Wait until a sink has its subscriber, so that the value is emitted on the calling
	 * (foreign) thread and not replayed on the subscribing one.
	 */
	private static void awaitSubscriber(IntSupplier subscribers) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (subscribers.getAsInt() == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No subscriber within " + TIMEOUT);
			}
			Thread.onSpinWait();
		}
	}

	private static String seen() {
		return RunContext.current().map(RunId::value).orElse("none") + "/" + MDC.get("runId");
	}

}
