package dev.runid.spring.task;

import java.lang.reflect.Modifier;

import dev.runid.RunContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.util.ClassUtils;

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
public final class RunIdSimpleAsyncTaskSchedulerPostProcessor implements SmartInstantiationAwareBeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!isProxied(bean.getClass())) {
			return bean;
		}
		ProxyFactory proxyFactory = proxyFactory(bean.getClass());
		proxyFactory.setTarget(bean);
		return proxyFactory.getProxy(bean.getClass().getClassLoader());
	}

	/**
	 * The type of the bean after this post-processor: called in ahead-of-time processing
	 * only, where making the proxy's class now saves it with the generated code, so that
	 * a native image has it.
	 */
	@Override
	public Class<?> determineBeanType(Class<?> beanClass, String beanName) {
		if (!isProxied(beanClass)) {
			return beanClass;
		}
		ProxyFactory proxyFactory = proxyFactory(beanClass);
		proxyFactory.setTargetClass(beanClass);
		return proxyFactory.getProxyClass(beanClass.getClassLoader());
	}

	/**
	 * The same at run time and ahead of time, so that both make the same proxy class.
	 */
	private static ProxyFactory proxyFactory(Class<?> beanClass) {
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.setInterfaces(ClassUtils.getAllInterfacesForClass(beanClass, beanClass.getClassLoader()));
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice(new ScheduleInterceptor());
		return proxyFactory;
	}

	private static boolean isProxied(Class<?> beanClass) {
		return SimpleAsyncTaskScheduler.class.isAssignableFrom(beanClass)
				&& !Modifier.isFinal(beanClass.getModifiers());
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
