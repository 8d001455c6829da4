package dev.runid.spring.jms;

import dev.runid.spring.messaging.RunIdMessageListening;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import org.springframework.jms.listener.SessionAwareMessageListener;
import org.springframework.jms.listener.SubscriptionNameProvider;

/**
 * Session-aware message listener that runs the {@link SessionAwareMessageListener} it
 * wraps (such as the adapter of a {@code @JmsListener} method) in the run of each
 * message, read from its string properties. A failure is logged in the run before the
 * container's error handling; the run ends when the wrapped listener returns. Runs on the
 * container's threads; thread-safe.
 */
public final class RunIdJmsSessionAwareMessageListener
		implements SessionAwareMessageListener<Message>, SubscriptionNameProvider {

	private final SessionAwareMessageListener<Message> delegate;

	private final RunIdJmsReceiving receiving;

	/**
	 * Wrap a listener.
	 * @param delegate the listener to run
	 * @param listening turns the run of a message into the listener's run
	 * @param propertyName the property of the run ID
	 * @param parentPropertyName the property of the parent run ID
	 * @param destination the name of the container's destination
	 */
	public RunIdJmsSessionAwareMessageListener(SessionAwareMessageListener<Message> delegate,
			RunIdMessageListening listening, String propertyName, String parentPropertyName, String destination) {
		this.delegate = delegate;
		this.receiving = new RunIdJmsReceiving(listening, propertyName, parentPropertyName, destination);
	}

	/**
	 * The listener that this one runs.
	 * @return the wrapped listener
	 */
	public SessionAwareMessageListener<Message> delegate() {
		return this.delegate;
	}

	@Override
	public void onMessage(Message message, Session session) throws JMSException {
		this.receiving.receiveSessionAware(message, () -> this.delegate.onMessage(message, session));
	}

	@Override
	public String getSubscriptionName() {
		return RunIdJmsReceiving.subscriptionName(this.delegate);
	}

}
