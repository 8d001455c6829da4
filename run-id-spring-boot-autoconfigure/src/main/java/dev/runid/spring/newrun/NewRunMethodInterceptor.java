package dev.runid.spring.newrun;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import dev.runid.spring.registry.ActiveSegment;
import dev.runid.spring.registry.RunRecorder;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;
import org.springframework.util.ClassUtils;

/**
 * {@link MethodInterceptor} that runs each invocation as a new run, the child of the
 * current run if there is one. With a {@link RunRecorder}, the run's segment is of kind
 * {@code scheduled} for {@code @Scheduled} methods and {@code method} for the others,
 * named {@code Class.method} (the simple name of the bean's class), and failed by an
 * exception the method throws.
 */
public final class NewRunMethodInterceptor implements MethodInterceptor {

	private final Supplier<RunIdGenerator> generator;

	private final Supplier<@Nullable RunRecorder> recorder;

	/**
	 * Create an interceptor.
	 * @param generator supplies the generator of new runs, looked up on first use
	 */
	public NewRunMethodInterceptor(Supplier<RunIdGenerator> generator) {
		this(generator, () -> null);
	}

	/**
	 * Create an interceptor that records each invocation's segment.
	 * @param generator supplies the generator of new runs, looked up on first use
	 * @param recorder supplies the recorder of segments, or {@code null} when runs are
	 * not recorded; looked up at every invocation, so it should be cheap
	 */
	public NewRunMethodInterceptor(Supplier<RunIdGenerator> generator, Supplier<@Nullable RunRecorder> recorder) {
		this.generator = generator;
		this.recorder = recorder;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		RunId parent = RunContext.current().orElse(null);
		RunId runId = RunId.generate(this.generator.get(), parent);
		RunRecorder recorder = this.recorder.get();
		if (recorder == null) {
			try (RunContext scope = RunContext.enter(runId)) {
				return invocation.proceed();
			}
		}
		Method method = invocation.getMethod();
		boolean scheduled = AnnotatedElementUtils.hasAnnotation(method, Scheduled.class)
				|| AnnotatedElementUtils.hasAnnotation(method, Schedules.class);
		recorder.announce(runId, scheduled ? "scheduled" : "method", nameOf(invocation));
		try (RunContext scope = RunContext.enter(runId)) {
			ActiveSegment segment = recorder.claim(runId);
			try {
				return invocation.proceed();
			}
			catch (Throwable ex) {
				if (segment != null) {
					segment.failed(ex);
				}
				throw ex;
			}
		}
	}

	private static String nameOf(MethodInvocation invocation) {
		Object target = invocation.getThis();
		Class<?> type = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		return ClassUtils.getUserClass(type).getSimpleName() + "." + invocation.getMethod().getName();
	}

}
