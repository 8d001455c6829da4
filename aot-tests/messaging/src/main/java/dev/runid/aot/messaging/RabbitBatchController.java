package dev.runid.aot.messaging;

import dev.runid.RunContext;
import dev.runid.RunId;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.batch.SimpleBatchingStrategy;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.BatchingRabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.Lifecycle;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RabbitMQ batches: tells how many messages wait in the queue of the batch listener
 * and starts its container (a test that needs a batch of several messages starts it once
 * they are all in the queue, however far apart they were sent), and sends through a
 * {@code BatchingRabbitTemplate} that is set up as Boot sets up its template, with
 * run-id's customizer, and sends every two messages as one.
 */
@RestController
class RabbitBatchController implements DisposableBean {

	private final AmqpAdmin admin;

	private final RabbitListenerEndpointRegistry containers;

	private final String queue;

	private final String producerBatchQueue;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final BatchingRabbitTemplate batching;

	RabbitBatchController(AmqpAdmin admin, RabbitListenerEndpointRegistry containers, Environment environment,
			RabbitTemplateConfigurer configurer, ObjectProvider<RabbitTemplateCustomizer> customizers,
			ConnectionFactory connectionFactory) {
		this.admin = admin;
		this.containers = containers;
		this.queue = environment.getRequiredProperty("aot.rabbit.batch-queue");
		this.producerBatchQueue = environment.getRequiredProperty("aot.rabbit.producer-batch-queue");
		this.scheduler.initialize();
		this.batching = new BatchingRabbitTemplate(new SimpleBatchingStrategy(2, 65536, 30_000), this.scheduler);
		configurer.configure(this.batching, connectionFactory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(this.batching));
	}

	/**
	 * The messages in the batch listener's queue.
	 * @return their number, {@code 0} before the queue exists
	 */
	@GetMapping("/rabbit-batch/queued")
	String queued() {
		QueueInformation information = this.admin.getQueueInfo(this.queue);
		return String.valueOf((information != null) ? information.getMessageCount() : 0);
	}

	/**
	 * Start the batch listener's container.
	 */
	@PostMapping("/rabbit-batch/start")
	void start() {
		// its MessageListenerContainer type moved package in Spring AMQP 4.1
		Lifecycle container = this.containers.getListenerContainer(AotMessagingApplication.RABBIT_BATCH);
		if (container == null) {
			throw new IllegalStateException("No listener container " + AotMessagingApplication.RABBIT_BATCH);
		}
		container.start();
	}

	/**
	 * Send through the batching template in the request's run: the first message waits in
	 * the template, the second completes the batch, which leaves as one message.
	 * @param payload the payload
	 * @return the request's run
	 */
	@PostMapping("/rabbit-batch/batching-template")
	String sendBatched(@RequestBody String payload) {
		this.batching.convertAndSend(this.producerBatchQueue, payload);
		return RunContext.current().map(RunId::value).orElse("none");
	}

	@Override
	public void destroy() {
		this.batching.stop();
		this.scheduler.shutdown();
	}

}
