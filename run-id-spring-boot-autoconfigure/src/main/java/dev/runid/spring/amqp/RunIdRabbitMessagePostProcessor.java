package dev.runid.spring.amqp;

import dev.runid.RunContext;
import dev.runid.RunId;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.MessageProperties;

/**
 * Message post-processor that adds the current run to every message a
 * {@code RabbitTemplate} publishes: the run header and, for a child run, the parent
 * header. A header the message already has wins; outside a run nothing is added. Runs on
 * the publishing thread; thread-safe.
 */
public final class RunIdRabbitMessagePostProcessor implements MessagePostProcessor {

	private final String headerName;

	private final String parentHeaderName;

	/**
	 * Create a post-processor.
	 * @param headerName the header of the run ID
	 * @param parentHeaderName the header of the parent run ID
	 */
	public RunIdRabbitMessagePostProcessor(String headerName, String parentHeaderName) {
		this.headerName = headerName;
		this.parentHeaderName = parentHeaderName;
	}

	@Override
	public Message postProcessMessage(Message message) {
		RunId runId = RunContext.current().orElse(null);
		if (runId != null) {
			MessageProperties properties = message.getMessageProperties();
			// a run the message already names is the sender's choice: no parent is added
			// to it
			if (properties.getHeader(this.headerName) == null) {
				properties.setHeader(this.headerName, runId.value());
				RunId parent = runId.parent().orElse(null);
				if (parent != null && properties.getHeader(this.parentHeaderName) == null) {
					properties.setHeader(this.parentHeaderName, parent.value());
				}
			}
		}
		return message;
	}

}
