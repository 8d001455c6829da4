package dev.runid.spring.amqp;

import java.util.function.Supplier;

import org.aopalliance.aop.Advice;

import org.springframework.amqp.rabbit.config.BaseRabbitListenerContainerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts a {@link RunIdRabbitListenerAdvice} first in the advice chain of every Rabbit
 * listener container factory in the context, keeping the advice that is there (Boot's
 * retry interceptor): the factory takes one advice chain and Boot offers no customizer of
 * it, so run-id adds to it rather than taking its place.
 */
public final class RunIdRabbitPostProcessor implements BeanPostProcessor {

	private final Supplier<RunIdRabbitListenerAdvice> advice;

	/**
	 * Create a post-processor.
	 * @param advice the advice to add
	 */
	public RunIdRabbitPostProcessor(Supplier<RunIdRabbitListenerAdvice> advice) {
		this.advice = advice;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof BaseRabbitListenerContainerFactory<?> factory) {
			Advice[] chain = factory.getAdviceChain();
			if (chain == null) {
				factory.setAdviceChain(this.advice.get());
			}
			else if (chain.length == 0 || !(chain[0] instanceof RunIdRabbitListenerAdvice)) {
				Advice[] added = new Advice[chain.length + 1];
				added[0] = this.advice.get();
				System.arraycopy(chain, 0, added, 1, chain.length);
				factory.setAdviceChain(added);
			}
		}
		return bean;
	}

}
