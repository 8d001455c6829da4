package dev.runid.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Tests for {@link WithRunId}: the run is current in the test's methods on the threads
 * that run them, and nothing is left after the test. The cases run through JUnit's
 * {@link EngineTestKit}, so that what a failing test leaves behind can be checked.
 */
class WithRunIdTests {

	static final Map<String, String> seen = new ConcurrentHashMap<>();

	@BeforeEach
	void clear() {
		seen.clear();
	}

	/**
	 * The cases run on this thread: after each, nothing of its run is left here.
	 */
	static void assertNoRunOnThisThread() {
		assertThat(RunContext.current()).isEmpty();
		assertThat(MDC.get("runId")).isNull();
		assertThat(MDC.get("parentRunId")).isNull();
	}

	@Test
	@WithRunId("run-1")
	void testBodyRunsInTheGivenRun() {
		assertThat(RunContext.current()).contains(RunId.fromString("run-1"));
		assertThat(MDC.get("runId")).isEqualTo("run-1");
	}

	@Test
	void runIsCurrentInBeforeEachTestAndAfterEachMethods() {
		execute(LifecycleCase.class).testEvents().assertStatistics((stats) -> stats.succeeded(1));
		assertThat(seen).containsEntry("beforeEach", "run-1")
			.containsEntry("test", "run-1|parent=run-0|mdc=run-0")
			.containsEntry("afterEach", "run-1");
		assertNoRunOnThisThread();
	}

	@Test
	void noRunIsLeftWhenTheTestFails() {
		execute(FailingCase.class).testEvents()
			.assertThatEvents()
			.haveExactly(1, event(test("fails"), finishedWithFailure(message("failed in run-1"))));
		assertNoRunOnThisThread();
	}

	@Test
	void withoutValueEveryTestGetsAFreshRun() {
		execute(FreshRunCase.class).testEvents().assertStatistics((stats) -> stats.succeeded(2));
		assertThat(seen).containsOnlyKeys("first", "second");
		assertThat(seen.values()).allSatisfy((value) -> assertThat(RunId.isValid(value)).isTrue())
			.doesNotHaveDuplicates();
		assertNoRunOnThisThread();
	}

	@Test
	void methodAnnotationWinsOverClassAnnotationAndNestedClassesInherit() {
		execute(ClassLevelCase.class).testEvents().assertStatistics((stats) -> stats.succeeded(3));
		assertThat(seen).containsEntry("classLevel", "run-class")
			.containsEntry("methodLevel", "run-method")
			.containsEntry("nested", "run-class");
		assertNoRunOnThisThread();
	}

	@Test
	void runIsCurrentOnTheThreadOfASeparateThreadTimeout() {
		execute(SeparateThreadTimeoutCase.class).testEvents().assertStatistics((stats) -> stats.succeeded(1));
		assertThat(seen.get("thread")).isNotEqualTo(Thread.currentThread().getName());
		assertThat(seen).containsEntry("run", "run-timeout");
		assertNoRunOnThisThread();
	}

	@Test
	void everyRepetitionOfATestTemplateRunsInTheRun() {
		execute(RepeatedCase.class).testEvents().assertStatistics((stats) -> stats.succeeded(2));
		assertThat(seen).containsEntry("repetition-1", "run-repeated").containsEntry("repetition-2", "run-repeated");
		assertNoRunOnThisThread();
	}

	@Test
	void dynamicTestsOfATestFactoryRunInTheFactorysRun() {
		execute(TestFactoryCase.class).testEvents().assertStatistics((stats) -> stats.succeeded(2));
		assertThat(seen).containsEntry("factory", "run-factory")
			.containsEntry("dynamic-1", "run-factory")
			.containsEntry("dynamic-2", "run-factory");
		assertNoRunOnThisThread();
	}

	@Test
	void invalidRunIdFailsTheTestNamingTheRule() {
		execute(InvalidCase.class).testEvents()
			.assertThatEvents()
			.haveExactly(1, event(test("invalid"),
					finishedWithFailure(message((text) -> text.contains("@WithRunId") && text.contains(RunId.RULE)))));
	}

	@Test
	void scopeLeftOpenByTheTestFailsIt() throws Exception {
		// on a thread of its own: the leaked scope stays on the thread that ran the case
		Thread thread = new Thread(() -> {
			Events events = execute(LeakingScopeCase.class).testEvents();
			events.assertThatEvents()
				.haveExactly(1, event(test("leaksAScope"), finishedWithFailure(instanceOf(AssertionError.class),
						message((text) -> text.contains("left run run-leaked current")))));
			seen.put("checked", "yes");
		});
		thread.start();
		thread.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(seen).containsEntry("checked", "yes");
	}

	static EngineExecutionResults execute(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
	}

	static String currentRun() {
		return RunContext.current().map(RunId::value).orElse("none");
	}

	@WithRunId(value = "run-1", parent = "run-0")
	static class LifecycleCase {

		@BeforeEach
		void before() {
			seen.put("beforeEach", currentRun());
		}

		@Test
		void test() {
			RunId runId = RunContext.current().orElseThrow();
			seen.put("test", runId.value() + "|parent=" + runId.parent().map(RunId::value).orElse("none") + "|mdc="
					+ MDC.get("parentRunId"));
		}

		@AfterEach
		void after() {
			seen.put("afterEach", currentRun());
		}

	}

	static class FailingCase {

		@Test
		@WithRunId("run-1")
		void fails() {
			throw new AssertionError("failed in " + currentRun());
		}

	}

	@WithRunId
	static class FreshRunCase {

		@Test
		void first() {
			seen.put("first", currentRun());
		}

		@Test
		void second() {
			seen.put("second", currentRun());
		}

	}

	@WithRunId("run-class")
	static class ClassLevelCase {

		@Test
		void classLevel() {
			seen.put("classLevel", currentRun());
		}

		@Test
		@WithRunId("run-method")
		void methodLevel() {
			seen.put("methodLevel", currentRun());
		}

		@Nested
		class Inner {

			@Test
			void nested() {
				seen.put("nested", currentRun());
			}

		}

	}

	static class SeparateThreadTimeoutCase {

		@Test
		@WithRunId("run-timeout")
		@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
		void onAnotherThread() {
			seen.put("thread", Thread.currentThread().getName());
			seen.put("run", currentRun());
		}

	}

	static class RepeatedCase {

		@RepeatedTest(2)
		@WithRunId("run-repeated")
		void repeated(RepetitionInfo repetition) {
			seen.put("repetition-" + repetition.getCurrentRepetition(), currentRun());
		}

	}

	static class TestFactoryCase {

		@TestFactory
		@WithRunId("run-factory")
		Stream<DynamicTest> dynamicTests() {
			seen.put("factory", currentRun());
			return Stream.of(1, 2)
				.map((n) -> DynamicTest.dynamicTest("dynamic-" + n, () -> seen.put("dynamic-" + n, currentRun())));
		}

	}

	static class InvalidCase {

		@Test
		@WithRunId("not a run id")
		void invalid() {
		}

	}

	static class LeakingScopeCase {

		@Test
		@WithRunId("run-1")
		void leaksAScope() {
			RunContext.enter(RunId.fromString("run-leaked"));
		}

	}

}
