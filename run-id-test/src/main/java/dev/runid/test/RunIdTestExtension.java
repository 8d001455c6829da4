package dev.runid.test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithRunId} and {@link NoRunLeaks}. One extension
 * for both, so that the test's own run is always released before the leak check looks.
 * <p>
 * The run is made current by interceptors, not by the before and after callbacks: an
 * interceptor runs on the thread that runs the method, which is another one under
 * {@code @Timeout(threadMode = SEPARATE_THREAD)}. The callbacks only hold the run active
 * between the methods, so that {@code @RunScoped} beans live for the whole test.
 */
final class RunIdTestExtension implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor {

	private static final Namespace NAMESPACE = Namespace.create(RunIdTestExtension.class);

	private static final String STATE = "state";

	@Override
	public void beforeEach(ExtensionContext context) {
		State state = new State();
		context.getStore(NAMESPACE).put(STATE, state);
		NoRunLeaks noLeaks = find(context, NoRunLeaks.class);
		if (noLeaks != null) {
			state.openRuns = OpenRuns.start(noLeaks.timeoutMillis());
		}
		WithRunId withRunId = find(context, WithRunId.class);
		if (withRunId != null) {
			RunId runId = runIdOf(withRunId, context);
			state.runId = runId;
			state.hold = RunContext.hold(runId);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		State state = context.getStore(NAMESPACE).remove(STATE, State.class);
		if (state == null) {
			return;
		}
		if (state.hold != null) {
			state.hold.close();
		}
		if (state.openRuns != null) {
			state.openRuns.assertNoneOpen(context.getDisplayName());
		}
	}

	@Override
	public void interceptBeforeEachMethod(Invocation<@Nullable Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		proceedInRun(invocation, extensionContext);
	}

	@Override
	public void interceptTestMethod(Invocation<@Nullable Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		proceedInRun(invocation, extensionContext);
	}

	@Override
	public void interceptTestTemplateMethod(Invocation<@Nullable Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		proceedInRun(invocation, extensionContext);
	}

	@Override
	public <T extends @Nullable Object> T interceptTestFactoryMethod(Invocation<T> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		return proceedInRun(invocation, extensionContext);
	}

	@Override
	public void interceptDynamicTest(Invocation<@Nullable Void> invocation,
			DynamicTestInvocationContext invocationContext, ExtensionContext extensionContext) throws Throwable {
		// the dynamic test's context finds the state of its factory method in the parent
		// store
		proceedInRun(invocation, extensionContext);
	}

	@Override
	public void interceptAfterEachMethod(Invocation<@Nullable Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		proceedInRun(invocation, extensionContext);
	}

	@SuppressWarnings("try") // the scope is only closed, by the try
	private <T extends @Nullable Object> T proceedInRun(Invocation<T> invocation, ExtensionContext context)
			throws Throwable {
		State state = context.getStore(NAMESPACE).get(STATE, State.class);
		RunId runId = (state != null) ? state.runId : null;
		if (runId == null) {
			return invocation.proceed();
		}
		try (RunContext scope = RunContext.enter(runId)) {
			T result = invocation.proceed();
			RunId current = RunContext.current().orElse(null);
			if (current != runId) {
				// the scope's close would throw "closed out of order": say what happened
				throw new AssertionError("The test left run " + current + " current on thread "
						+ Thread.currentThread().getName() + ": close every RunContext scope it opens");
			}
			return result;
		}
	}

	private static RunId runIdOf(WithRunId annotation, ExtensionContext context) {
		try {
			RunId parent = annotation.parent().isEmpty() ? null : RunId.fromString(annotation.parent());
			if (annotation.value().isEmpty()) {
				return (parent != null) ? RunId.generate(parent) : RunId.generate();
			}
			return RunId.fromString(annotation.value()).withParent(parent);
		}
		catch (IllegalArgumentException ex) {
			throw new ExtensionConfigurationException(
					"@WithRunId of " + context.getDisplayName() + " is invalid: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The annotation on the test method, or else on its class or an enclosing class of a
	 * {@code @Nested} test.
	 */
	private static <A extends Annotation> @Nullable A find(ExtensionContext context, Class<A> type) {
		Optional<A> onMethod = context.getTestMethod()
			.flatMap((method) -> AnnotationSupport.findAnnotation(method, type));
		if (onMethod.isPresent()) {
			return onMethod.get();
		}
		for (Class<?> testClass = context.getTestClass().orElse(null); testClass != null; testClass = testClass
			.getEnclosingClass()) {
			Optional<A> onClass = AnnotationSupport.findAnnotation(testClass, type);
			if (onClass.isPresent()) {
				return onClass.get();
			}
		}
		return null;
	}

	/**
	 * What one test holds: its run, the hold that keeps the run active between its
	 * methods, and the leak check.
	 */
	private static final class State {

		@Nullable RunId runId;

		RunContext.@Nullable Hold hold;

		@Nullable OpenRuns openRuns;

	}

}
