package dev.runid.spring.jms;

import dev.runid.spring.messaging.RunIdMessageListening;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import org.springframework.jms.listener.SubscriptionNameProvider;

/**
 * Message listener that runs the {@link MessageListener} it wraps in the run of each
 * message, read from its string properties. A failure is logged in the run before the
 * container's error handling; the run ends when the wrapped listener returns. It is a
 * plain {@code MessageListener}, as the one it wraps, so that the container calls it as
 * it would call that one (a session-aware listener is wrapped by a
 * {@link RunIdJmsSessionAwareMessageListener}). Runs on the container's threads;
 * thread-safe.
 */
public final class RunIdJmsMessageListener implements MessageListener, SubscriptionNameProvider {

	private final MessageListener delegate;

	private final RunIdJmsReceiving receiving;

	/**
	 * Wrap a listener.
	 * @param delegate the listener to run
	 * @param listening turns the run of a message into the listener's run
	 * @param propertyName the property of the run ID
	 * @param parentPropertyName the property of the parent run ID
	 * @param destination the name of the container's destination
	 */
	public RunIdJmsMessageListener(MessageListener delegate, RunIdMessageListening listening, String propertyName,
			String parentPropertyName, String destination) {
		this.delegate = delegate;
		this.receiving = new RunIdJmsReceiving(listening, propertyName, parentPropertyName, destination);
	}

	/**
	 * The listener that this one runs.
	 * @return the wrapped listener
	 */
	public MessageListener delegate() {
		return this.delegate;
	}

	@Override
	public void onMessage(Message message) {
		this.receiving.receive(message, () -> this.delegate.onMessage(message));
	}

	@Override
	public String getSubscriptionName() {
		return RunIdJmsReceiving.subscriptionName(this.delegate);
	}

}
