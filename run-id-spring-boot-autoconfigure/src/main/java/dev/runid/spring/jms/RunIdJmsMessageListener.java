package dev.runid.spring.jms;

import dev.runid.spring.messaging.RunIdMessageListening;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.jms.listener.SessionAwareMessageListener;
import org.springframework.jms.listener.SubscriptionNameProvider;

/**
 * Message listener that runs the listener it wraps in the run of each message, read from
 * its string properties. A failure is logged in the run before the container's error
 * handling; the run ends when the wrapped listener returns. Runs on the container's
 * threads; thread-safe.
 */
public final class RunIdJmsMessageListener implements SessionAwareMessageListener<Message>, SubscriptionNameProvider {

	private final Object delegate;

	private final RunIdMessageListening listening;

	private final String propertyName;

	private final String parentPropertyName;

	private final String destination;

	/**
	 * Wrap a listener.
	 * @param delegate the {@link MessageListener} or {@link SessionAwareMessageListener}
	 * @param listening turns the run of a message into the listener's run
	 * @param propertyName the property of the run ID
	 * @param parentPropertyName the property of the parent run ID
	 * @param destination the name of the container's destination
	 */
	public RunIdJmsMessageListener(Object delegate, RunIdMessageListening listening, String propertyName,
			String parentPropertyName, String destination) {
		if (!(delegate instanceof MessageListener) && !(delegate instanceof SessionAwareMessageListener<?>)) {
			throw new IllegalArgumentException("Not a JMS message listener: " + delegate);
		}
		this.delegate = delegate;
		this.listening = listening;
		this.propertyName = propertyName;
		this.parentPropertyName = parentPropertyName;
		this.destination = destination;
	}

	/**
	 * The listener that this one runs.
	 * @return the wrapped listener
	 */
	public Object delegate() {
		return this.delegate;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void onMessage(Message message, Session session) throws JMSException {
		try (RunIdMessageListening.Entry entry = this.listening.enter(property(message, this.propertyName), false,
				property(message, this.parentPropertyName), false, this.destination)) {
			try {
				if (this.delegate instanceof SessionAwareMessageListener<?> sessionAware) {
					((SessionAwareMessageListener<Message>) sessionAware).onMessage(message, session);
				}
				else {
					((MessageListener) this.delegate).onMessage(message);
				}
			}
			catch (JMSException | RuntimeException | Error ex) {
				entry.failed(ex);
				throw ex;
			}
		}
	}

	@Override
	public String getSubscriptionName() {
		return (this.delegate instanceof SubscriptionNameProvider provider) ? provider.getSubscriptionName()
				: this.delegate.getClass().getName();
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

}
