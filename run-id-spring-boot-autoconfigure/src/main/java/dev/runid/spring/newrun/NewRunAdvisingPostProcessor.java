package dev.runid.spring.newrun;

import java.util.function.Supplier;

import dev.runid.RunIdGenerator;
import dev.runid.spring.NewRun;
import dev.runid.spring.registry.RunRecorder;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;

/**
 * Proxies beans with {@link NewRun} methods (and, when asked, {@code @Scheduled} methods)
 * so that every call runs as a new run. Runs before Spring's
 * {@code ScheduledAnnotationBeanPostProcessor}, so scheduled executions go through the
 * proxy.
 */
public final class NewRunAdvisingPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the post-processor.
	 * @param generator supplies the generator of new runs, looked up on first use
	 * @param scheduled whether {@code @Scheduled} methods also run as new runs
	 */
	public NewRunAdvisingPostProcessor(Supplier<RunIdGenerator> generator, boolean scheduled) {
		this(generator, () -> null, scheduled);
	}

	/**
	 * Create the post-processor for runs that are recorded.
	 * @param generator supplies the generator of new runs, looked up on first use
	 * @param recorder supplies the recorder of the runs' segments, or {@code null};
	 * looked up at every call
	 * @param scheduled whether {@code @Scheduled} methods also run as new runs
	 */
	public NewRunAdvisingPostProcessor(Supplier<RunIdGenerator> generator, Supplier<@Nullable RunRecorder> recorder,
			boolean scheduled) {
		ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(null, NewRun.class, true))
			.union((Pointcut) new AnnotationMatchingPointcut(NewRun.class, true));
		if (scheduled) {
			pointcut.union((Pointcut) new AnnotationMatchingPointcut(null, Scheduled.class, true))
				.union((Pointcut) new AnnotationMatchingPointcut(null, Schedules.class, true));
		}
		this.advisor = new DefaultPointcutAdvisor(pointcut, new NewRunMethodInterceptor(generator, recorder));
		setBeforeExistingAdvisors(true);
		setProxyTargetClass(true);
		setOrder(Ordered.LOWEST_PRECEDENCE - 100);
	}

}
