package dev.runid.spring.jms;

import dev.runid.spring.messaging.RunIdMessageListening;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.jspecify.annotations.Nullable;

import org.springframework.jms.listener.SubscriptionNameProvider;

/**
 * What both kinds of JMS listener wrappers do with a message: run the wrapped listener in
 * the run named by the message's properties, and log a failure in it. Thread-safe.
 */
final class RunIdJmsReceiving {

	private final RunIdMessageListening listening;

	private final String propertyName;

	private final String parentPropertyName;

	private final String destination;

	RunIdJmsReceiving(RunIdMessageListening listening, String propertyName, String parentPropertyName,
			String destination) {
		this.listening = listening;
		this.propertyName = propertyName;
		this.parentPropertyName = parentPropertyName;
		this.destination = destination;
	}

	void receive(Message message, Runnable listener) {
		try (RunIdMessageListening.Entry entry = enter(message)) {
			try {
				listener.run();
			}
			catch (RuntimeException | Error ex) {
				entry.failed(ex);
				throw ex;
			}
		}
	}

	void receiveSessionAware(Message message, SessionAwareCall listener) throws JMSException {
		try (RunIdMessageListening.Entry entry = enter(message)) {
			try {
				listener.call();
			}
			catch (JMSException | RuntimeException | Error ex) {
				entry.failed(ex);
				throw ex;
			}
		}
	}

	private RunIdMessageListening.Entry enter(Message message) {
		return this.listening.enter(property(message, this.propertyName), false,
				property(message, this.parentPropertyName), false, this.destination);
	}

	/**
	 * The subscription name the container would give the wrapped listener: its own, or
	 * its class name.
	 */
	static String subscriptionName(Object listener) {
		return (listener instanceof SubscriptionNameProvider provider) ? provider.getSubscriptionName()
				: listener.getClass().getName();
	}

	/**
	 * A property that is missing or not readable as a string counts as missing; one that
	 * is not a string is read as its string form, then validated.
	 */
	private static @Nullable String property(Message message, String name) {
		try {
			Object value = message.getObjectProperty(name);
			return (value != null) ? value.toString() : null;
		}
		catch (JMSException ex) {
			return null;
		}
	}

	/**
	 * A call of a session-aware listener.
	 */
	@FunctionalInterface
	interface SessionAwareCall {

		void call() throws JMSException;

	}

}
