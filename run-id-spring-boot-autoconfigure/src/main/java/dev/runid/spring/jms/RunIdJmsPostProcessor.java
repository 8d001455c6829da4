package dev.runid.spring.jms;

import java.util.function.Supplier;

import dev.runid.spring.messaging.RunIdMessageListening;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.jms.support.converter.MessageConverter;

/**
 * Adds the run to what JMS sends and receives: wraps the message converter of every
 * {@link JmsTemplate} in the context with a {@link RunIdJmsMessageConverter}, and the
 * listener of every listener container defined as a bean with a
 * {@link RunIdJmsMessageListener} or, for a session-aware listener, a
 * {@link RunIdJmsSessionAwareMessageListener}. Boot has no customizer of
 * {@code JmsTemplate} and listener containers take a single listener, so run-id wraps
 * what is there rather than taking its place. The containers of {@code @JmsListener}
 * methods are not beans: {@link RunIdJmsListenerContainers} wraps their listeners.
 */
public final class RunIdJmsPostProcessor implements BeanPostProcessor {

	private final Supplier<String> propertyName;

	private final Supplier<String> parentPropertyName;

	private final Supplier<RunIdMessageListening> listening;

	/**
	 * Create a post-processor.
	 * @param propertyName the property of the run ID
	 * @param parentPropertyName the property of the parent run ID
	 * @param listening turns the run of a message into the listener's run
	 */
	public RunIdJmsPostProcessor(Supplier<String> propertyName, Supplier<String> parentPropertyName,
			Supplier<RunIdMessageListening> listening) {
		this.propertyName = propertyName;
		this.parentPropertyName = parentPropertyName;
		this.listening = listening;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof JmsTemplate template) {
			MessageConverter converter = template.getMessageConverter();
			if (converter != null && !(converter instanceof RunIdJmsMessageConverter)) {
				template.setMessageConverter(new RunIdJmsMessageConverter(converter, this.propertyName.get(),
						this.parentPropertyName.get()));
			}
		}
		else if (bean instanceof AbstractMessageListenerContainer container) {
			RunIdJmsListenerContainers.wrap(container, this.listening.get(), this.propertyName.get(),
					this.parentPropertyName.get());
		}
		return bean;
	}

}
