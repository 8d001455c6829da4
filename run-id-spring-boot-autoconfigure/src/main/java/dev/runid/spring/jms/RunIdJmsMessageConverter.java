package dev.runid.spring.jms;

import dev.runid.RunContext;
import dev.runid.RunId;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import org.springframework.jms.support.converter.MessageConversionException;
import org.springframework.jms.support.converter.MessageConverter;

/**
 * Message converter that adds the current run to every message the converter it wraps
 * makes, as string properties (the run ID and, for a child run, the parent run ID). A
 * property the message already has wins; outside a run nothing is added. Wraps the
 * converter of a {@code JmsTemplate}, which its {@code convertAndSend} methods and a
 * {@code JmsMessagingTemplate} built on it use. Thread-safe if the wrapped converter is.
 */
public final class RunIdJmsMessageConverter implements MessageConverter {

	private final MessageConverter delegate;

	private final String propertyName;

	private final String parentPropertyName;

	/**
	 * Wrap a converter.
	 * @param delegate the converter that makes the messages
	 * @param propertyName the property of the run ID
	 * @param parentPropertyName the property of the parent run ID
	 */
	public RunIdJmsMessageConverter(MessageConverter delegate, String propertyName, String parentPropertyName) {
		this.delegate = delegate;
		this.propertyName = propertyName;
		this.parentPropertyName = parentPropertyName;
	}

	/**
	 * The converter that makes the messages.
	 * @return the wrapped converter
	 */
	public MessageConverter delegate() {
		return this.delegate;
	}

	@Override
	public Message toMessage(Object object, Session session) throws JMSException, MessageConversionException {
		Message message = this.delegate.toMessage(object, session);
		RunId runId = RunContext.current().orElse(null);
		if (runId != null) {
			// a run the message already names is the sender's choice: no parent is added
			// to it
			if (!message.propertyExists(this.propertyName)) {
				message.setStringProperty(this.propertyName, runId.value());
				RunId parent = runId.parent().orElse(null);
				if (parent != null && !message.propertyExists(this.parentPropertyName)) {
					message.setStringProperty(this.parentPropertyName, parent.value());
				}
			}
		}
		return message;
	}

	@Override
	public Object fromMessage(Message message) throws JMSException, MessageConversionException {
		return this.delegate.fromMessage(message);
	}

}
