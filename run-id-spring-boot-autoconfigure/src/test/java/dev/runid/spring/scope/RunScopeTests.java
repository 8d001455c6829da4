package dev.runid.spring.scope;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.ScopeNotActiveException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RunScopeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class))
		.withUserConfiguration(ScopedBeanConfiguration.class);

	@Test
	void usingRunScopedBeanWithoutRunThrows() {
		this.contextRunner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			assertThatIllegalStateException().isThrownBy(ledger::runId)
				.withMessageContaining("No run is current")
				.withMessageContaining("ledger");
		});
	}

	@Test
	void oneInstancePerRunDestroyedWhenRunEnds() {
		this.contextRunner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			Events events = context.getBean(Events.class);
			RunId a = RunId.fromString("a");
			RunContext.run(a, () -> {
				assertThat(ledger.runId()).isEqualTo("a");
				assertThat(ledger.increment()).isEqualTo(1);
				RunContext.run(a, () -> assertThat(ledger.increment()).as("nested scope, same run").isEqualTo(2));
				RunContext.run(RunId.fromString("b"), () -> assertThat(ledger.increment()).isEqualTo(1));
				assertThat(events.list).containsExactly("+a", "+b", "-b");
				assertThat(ledger.increment()).isEqualTo(3);
			});
			assertThat(events.list).containsExactly("+a", "+b", "-b", "-a");
			RunContext.run(a, () -> assertThat(ledger.increment()).as("a new activation of run a").isEqualTo(1));
			assertThat(context.getBean(RunScope.class).activeRuns()).isZero();
		});
	}

	@Test
	void concurrentScopesOfOneRunShareTheInstanceUntilTheLastEnds() throws Exception {
		this.contextRunner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			AtomicInteger destroyed = context.getBean(Destroyed.class).count;
			RunId shared = RunId.fromString("shared");
			ExecutorService pool = Executors.newFixedThreadPool(8);
			CountDownLatch allInside = new CountDownLatch(8);
			CountDownLatch release = new CountDownLatch(1);
			List<Future<Integer>> identities = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				identities.add(pool.submit(() -> RunContext.call(shared, () -> {
					int identity = ledger.identity();
					allInside.countDown();
					release.await(10, TimeUnit.SECONDS);
					return identity;
				})));
			}
			assertThat(allInside.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(context.getBean(RunScope.class).activeRuns()).isOne();
			release.countDown();
			List<Integer> seen = new java.util.ArrayList<>();
			for (Future<Integer> identity : identities) {
				seen.add(identity.get(10, TimeUnit.SECONDS));
			}
			pool.shutdown();
			assertThat(seen).containsOnly(seen.get(0));
			assertThat(destroyed).hasValue(1);
			assertThat(context.getBean(RunScope.class).activeRuns()).isZero();
		});
	}

	@Test
	void holdKeepsRunActiveBetweenScopes() {
		this.contextRunner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			AtomicInteger destroyed = context.getBean(Destroyed.class).count;
			RunId held = RunId.fromString("held");
			RunContext.Hold hold = RunContext.hold(held);
			RunContext.run(held, ledger::increment);
			RunContext.run(held, () -> assertThat(ledger.increment()).isEqualTo(2));
			assertThat(destroyed).hasValue(0);
			hold.close();
			assertThat(destroyed).hasValue(1);
		});
	}

	@Test
	void runNotActiveInProcessCannotCreateBeans() {
		this.contextRunner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			// a run set by context propagation alone, with no scope of it open
			new dev.runid.RunIdThreadLocalAccessor().setValue(RunId.fromString("orphan"));
			try {
				assertThatExceptionOfType(ScopeNotActiveException.class).isThrownBy(ledger::runId)
					.havingRootCause()
					.isInstanceOf(IllegalStateException.class)
					.withMessageContaining("Run orphan is not active in this process");
			}
			finally {
				new dev.runid.RunIdThreadLocalAccessor().restore();
			}
		});
	}

	@Test
	void remainingBeansAreDestroyedWithTheContext() {
		List<String> events = new CopyOnWriteArrayList<>();
		AtomicReference<AtomicInteger> destroyed = new AtomicReference<>();
		RunContext scope = RunContext.enter(RunId.fromString("open"));
		try {
			this.contextRunner.run((context) -> {
				Ledger ledger = context.getBean(Ledger.class);
				destroyed.set(context.getBean(Destroyed.class).count);
				// the run was entered before the scope was registered, so hold it
				RunContext.Hold hold = RunContext.hold(RunId.fromString("open"));
				ledger.increment();
				context.getBean(Events.class).list.clear();
				events.add("created " + ledger.runId());
				assertThat(destroyed.get()).as("destroyed while the run was open").hasValue(0);
			});
		}
		finally {
			scope.close();
		}
		assertThat(events).containsExactly("created open");
		assertThat(destroyed.get()).as("destroyed with the context").hasValue(1);
	}

	@Test
	void aBeanThatWaitsForATaskOfItsRunWhileItIsBuiltDoesNotBlockThatTask() {
		this.contextRunner.withUserConfiguration(WaitingBeanConfiguration.class).run((context) -> {
			Waiter waiter = context.getBean(Waiter.class);
			String seen = RunContext.call(RunId.fromString("waiting"), waiter::seenByTask);
			assertThat(seen).isEqualTo("waiting");
			assertThat(context.getBean(RunScope.class).activeRuns()).isZero();
		});
	}

	@Test
	void anActivityThatFailsToStartARunLeavesNoRunBehindAndTheNextEntryStartsIt() {
		RunScope scope = new RunScope();
		List<String> calls = new CopyOnWriteArrayList<>();
		AtomicInteger starts = new AtomicInteger();
		scope.attach(new RunActivity<String>() {

			@Override
			public String started(RunId runId) {
				calls.add("started " + runId);
				if (starts.incrementAndGet() == 1) {
					throw new IllegalStateException("failed to start");
				}
				return "state";
			}

			@Override
			public void ended(RunId runId, String state) {
				calls.add("ended " + runId + " " + state);
			}

		});
		RunId runId = RunId.fromString("flaky");
		assertThatIllegalStateException().isThrownBy(() -> scope.entered(runId)).withMessage("failed to start");
		assertThat(scope.activeRuns()).isZero();
		scope.entered(runId);
		assertThat(scope.activeRuns()).isOne();
		scope.exited(runId);
		assertThat(scope.activeRuns()).isZero();
		assertThat(calls).containsExactly("started flaky", "started flaky", "ended flaky state");
	}

	@Test
	void aRunStillOpenWhenTheScopeIsDestroyedEndsOnceAndItsLaterExitEndsNothing() {
		RunScope scope = new RunScope();
		List<String> calls = new CopyOnWriteArrayList<>();
		scope.attach(new RunActivity<String>() {

			@Override
			public String started(RunId runId) {
				return "state";
			}

			@Override
			public void ended(RunId runId, String state) {
				calls.add("ended " + runId);
			}

		});
		RunId runId = RunId.fromString("open");
		scope.entered(runId);
		scope.entered(runId);
		scope.destroy();
		assertThat(calls).containsExactly("ended open");
		scope.exited(runId);
		scope.exited(runId);
		assertThat(calls).containsExactly("ended open");
		assertThat(scope.activeRuns()).isZero();
	}

	@Configuration(proxyBeanMethods = false)
	static class WaitingBeanConfiguration {

		@Bean(destroyMethod = "shutdown")
		ExecutorService waiterPool() {
			return Executors.newSingleThreadExecutor();
		}

		@Bean
		@RunScoped
		Waiter waiter(ExecutorService waiterPool) throws Exception {
			return new Waiter(waiterPool);
		}

	}

	/**
	 * A run-scoped bean whose construction waits for a task that enters its run on
	 * another thread.
	 */
	static class Waiter {

		private final String seenByTask;

		Waiter(ExecutorService pool) throws Exception {
			RunId runId = RunContext.current().orElseThrow();
			this.seenByTask = pool
				.submit(() -> RunContext.call(runId, () -> RunContext.current().orElseThrow().value()))
				.get(10, TimeUnit.SECONDS);
		}

		String seenByTask() {
			return this.seenByTask;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedBeanConfiguration {

		@Bean
		@RunScoped
		Ledger ledger(Destroyed destroyed) {
			return new Ledger(destroyed);
		}

		@Bean
		Destroyed destroyed() {
			return new Destroyed();
		}

		@Bean(destroyMethod = "close")
		Events events() {
			return new Events();
		}

	}

	static class Events implements dev.runid.RunListener {

		final List<String> list = new CopyOnWriteArrayList<>();

		private final dev.runid.RunListener.Registration registration = RunContext.addListener(this);

		@Override
		public void entered(RunId runId) {
			this.list.add("+" + runId);
		}

		@Override
		public void exited(RunId runId) {
			this.list.add("-" + runId);
		}

		void close() {
			this.registration.close();
		}

	}

	/**
	 * Ledgers destroyed in one application context.
	 */
	static class Destroyed {

		final AtomicInteger count = new AtomicInteger();

	}

	static class Ledger {

		private final Destroyed destroyed;

		private final String runId = RunContext.current().orElseThrow().value();

		private final AtomicInteger count = new AtomicInteger();

		Ledger(Destroyed destroyed) {
			this.destroyed = destroyed;
		}

		String runId() {
			return this.runId;
		}

		int increment() {
			return this.count.incrementAndGet();
		}

		int identity() {
			return System.identityHashCode(this);
		}

		@PreDestroy
		void destroy() {
			this.destroyed.count.incrementAndGet();
		}

	}

}
