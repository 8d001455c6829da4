package dev.runid.spring;

import java.lang.reflect.Modifier;

import dev.runid.RunContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * Carries the run into tasks given to a {@link SimpleAsyncTaskScheduler} (Boot's
 * {@code taskScheduler} with {@code spring.threads.virtual.enabled=true}) when they are
 * scheduled rather than when they fire.
 * <p>
 * That scheduler applies its {@code TaskDecorator} when a task fires, on its timer
 * thread, where no run is current, so the {@link RunIdTaskDecorator} alone cannot carry
 * the caller's run into {@code schedule(task, startTime)} and the other
 * {@code schedule...} methods. This post-processor puts a class-based proxy in front of
 * such schedulers that wraps the task with {@link RunContext#wrap(Runnable)} while a run
 * is current; without a run the call goes through unchanged. (A
 * {@code ThreadPoolTaskScheduler} decorates tasks when they are scheduled and needs no
 * proxy.) A {@code final} subclass cannot be proxied and is left as it is. The proxy does
 * not run the scheduler's constructor: call {@code getThreadFactory()},
 * {@code getConcurrencyLimit()} and {@code isThrottleActive()}, which are final, on the
 * scheduler itself rather than on the bean.
 */
public final class RunIdSimpleAsyncTaskSchedulerPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof SimpleAsyncTaskScheduler) || Modifier.isFinal(bean.getClass().getModifiers())) {
			return bean;
		}
		ProxyFactory proxyFactory = new ProxyFactory(bean);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice(new ScheduleInterceptor());
		return proxyFactory.getProxy(bean.getClass().getClassLoader());
	}

	private static final class ScheduleInterceptor implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Object[] arguments = invocation.getArguments();
			if (invocation.getMethod().getName().startsWith("schedule") && arguments.length > 0
					&& arguments[0] instanceof Runnable task && RunContext.current().isPresent()) {
				arguments[0] = RunContext.wrap(task);
			}
			return invocation.proceed();
		}

	}

}
