package dev.runid.spring;

import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * {@link MethodInterceptor} that runs each invocation as a new run, the child of the
 * current run if there is one.
 */
public final class NewRunMethodInterceptor implements MethodInterceptor {

	private final Supplier<RunIdGenerator> generator;

	/**
	 * Create an interceptor.
	 * @param generator supplies the generator of new runs, looked up on first use
	 */
	public NewRunMethodInterceptor(Supplier<RunIdGenerator> generator) {
		this.generator = generator;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		RunId parent = RunContext.current().orElse(null);
		RunId runId = RunId.generate(this.generator.get(), parent);
		try (RunContext scope = RunContext.enter(runId)) {
			return invocation.proceed();
		}
	}

}
