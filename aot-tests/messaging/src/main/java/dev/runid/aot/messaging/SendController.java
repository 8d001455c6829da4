package dev.runid.aot.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sends a message to a broker ({@code kafka}, {@code jms} or {@code rabbit}; or to the
 * destination of its failing listener, {@code kafka-failing}, {@code jms-failing} and
 * {@code rabbit-failing}, or of its batch listener, {@code kafka-batch} and
 * {@code rabbit-batch}) in the request's run, outside any run, or naming a run of its
 * own; and tells what the listener of a message saw.
 */
@RestController
class SendController {

	private final KafkaTemplate<String, String> kafka;

	private final JmsTemplate jms;

	private final RabbitTemplate rabbit;

	private final Environment environment;

	private final Seen seen;

	SendController(KafkaTemplate<String, String> kafka, JmsTemplate jms, RabbitTemplate rabbit, Environment environment,
			Seen seen) {
		this.kafka = kafka;
		this.jms = jms;
		this.rabbit = rabbit;
		this.environment = environment;
		this.seen = seen;
	}

	/**
	 * Send in the request's run, which the template adds to the message.
	 * @param broker the broker
	 * @param payload the payload
	 * @return the request's run
	 */
	@PostMapping("/send/{broker}")
	String send(@PathVariable String broker, @RequestBody String payload) throws Exception {
		send(broker, payload, null, null);
		return RunContext.current().map(RunId::value).orElse("none");
	}

	/**
	 * Send from a thread outside any run: the template adds no run.
	 * @param broker the broker
	 * @param payload the payload
	 * @return {@code none}, the run of the sending thread
	 */
	@PostMapping("/send/{broker}/without-run")
	String sendWithoutRun(@PathVariable String broker, @RequestBody String payload) throws Exception {
		AtomicReference<String> sentIn = new AtomicReference<>();
		AtomicReference<Exception> failure = new AtomicReference<>();
		Thread sender = new Thread(() -> {
			sentIn.set(RunContext.current().map(RunId::value).orElse("none"));
			try {
				send(broker, payload, null, null);
			}
			catch (Exception ex) {
				failure.set(ex);
			}
		}, "sender-without-run");
		sender.start();
		sender.join(TimeUnit.SECONDS.toMillis(30));
		if (failure.get() != null) {
			throw failure.get();
		}
		return sentIn.get();
	}

	/**
	 * Send a message that names its own run (in the run header, or the JMS property), and
	 * maybe its parent, which the template keeps.
	 * @param broker the broker
	 * @param run the value of the run header
	 * @param parent the value of the parent header, if any
	 * @param payload the payload
	 * @return the request's run
	 */
	@PostMapping("/send/{broker}/with-run")
	String sendWithRun(@PathVariable String broker, @RequestParam String run,
			@RequestParam(required = false) @Nullable String parent, @RequestBody String payload) throws Exception {
		send(broker, payload, run, parent);
		return RunContext.current().map(RunId::value).orElse("none");
	}

	@GetMapping("/seen")
	ResponseEntity<String> seen(@RequestParam String payload) {
		String seen = this.seen.of(payload);
		return (seen != null) ? ResponseEntity.ok(seen) : ResponseEntity.notFound().build();
	}

	/**
	 * What the listener of a message saw, each time it received it.
	 * @param payload the message payload
	 * @return a line per delivery
	 */
	@GetMapping("/seen/all")
	String seenAll(@RequestParam String payload) {
		return String.join("\n", this.seen.all(payload));
	}

	/**
	 * The trace the listener of a message received it in.
	 * @param payload the message payload
	 * @return the trace ID, or 404 when the listener had no span or did not receive it
	 */
	@GetMapping("/seen/trace")
	ResponseEntity<String> seenTrace(@RequestParam String payload) {
		String trace = this.seen.traceOf(payload);
		return (trace != null) ? ResponseEntity.ok(trace) : ResponseEntity.notFound().build();
	}

	private static String kafkaTopic(String broker) {
		return switch (broker) {
			case "kafka-failing" -> AotMessagingApplication.FAILING;
			case "kafka-batch" -> AotMessagingApplication.BATCH;
			default -> AotMessagingApplication.ORDERS;
		};
	}

	private String rabbitQueue(String broker) {
		return this.environment.getRequiredProperty(switch (broker) {
			case "rabbit-failing" -> "aot.rabbit.failing-queue";
			case "rabbit-batch" -> "aot.rabbit.batch-queue";
			default -> "aot.rabbit.queue";
		});
	}

	private void send(String broker, String payload, @Nullable String run, @Nullable String parent) throws Exception {
		switch (broker) {
			case "kafka", "kafka-failing", "kafka-batch" -> {
				ProducerRecord<String, String> record = new ProducerRecord<>(kafkaTopic(broker), payload);
				if (run != null) {
					record.headers().add("X-Run-Id", run.getBytes(StandardCharsets.UTF_8));
				}
				if (parent != null) {
					record.headers().add("X-Parent-Run-Id", parent.getBytes(StandardCharsets.UTF_8));
				}
				this.kafka.send(record).get(30, TimeUnit.SECONDS);
			}
			case "jms",
					"jms-failing" ->
				this.jms.convertAndSend(
						broker.equals("jms") ? AotMessagingApplication.ORDERS : AotMessagingApplication.FAILING,
						payload, (message) -> {
							if (run != null) {
								message.setStringProperty("runId", run);
							}
							if (parent != null) {
								message.setStringProperty("parentRunId", parent);
							}
							return message;
						});
			case "rabbit", "rabbit-failing", "rabbit-batch" ->
				this.rabbit.convertAndSend(rabbitQueue(broker), (Object) payload, (message) -> {
					if (run != null) {
						message.getMessageProperties().setHeader("X-Run-Id", run);
					}
					if (parent != null) {
						message.getMessageProperties().setHeader("X-Parent-Run-Id", parent);
					}
					return message;
				});
			default -> throw new IllegalArgumentException("No broker " + broker);
		}
	}

}
