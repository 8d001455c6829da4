package dev.runid.it.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.RunStatus;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.batch.SimpleBatchingStrategy;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.BatchingRabbitTemplate;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run crosses a RabbitMQ server on 127.0.0.1:5672: from an HTTP request through
 * {@code RabbitTemplate} to {@code @RabbitListener} methods, their logs and an HTTP call
 * they make to a real downstream server. Skipped when no broker answers there.
 */
@SpringBootTest(classes = RabbitApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=5672",
		"spring.rabbitmq.listener.simple.retry.enabled=true", "spring.rabbitmq.listener.simple.retry.max-attempts=3",
		"spring.rabbitmq.listener.simple.retry.initial-interval=10ms",
		"spring.rabbitmq.listener.simple.default-requeue-rejected=false",
		"spring.rabbitmq.template.observation-enabled=true", "spring.rabbitmq.listener.simple.observation-enabled=true",
		"spring.rabbitmq.listener.simple.idle-event-interval=100ms", "spring.jms.listener.auto-startup=false",
		"management.tracing.sampling.probability=1.0", "spring.kafka.listener.auto-startup=false",
		"logging.pattern.console=" + KafkaMessagingTests.LOG_PATTERN })
@ExtendWith(OutputCaptureExtension.class)
@EnabledIf(value = "brokerAnswers",
		disabledReason = "No RabbitMQ server answers on 127.0.0.1:5672: run .ci/setup-rabbitmq (as root, it installs"
				+ " and starts Debian's rabbitmq-server) to run these tests")
class RabbitMessagingTests {

	static final Downstream downstream = Downstream.start();

	static final String SUFFIX = UUID.randomUUID().toString();

	static final String ORDERS = "run-id.orders." + SUFFIX;

	static final String FAILING = "run-id.failing." + SUFFIX;

	static final String BATCH = "run-id.batch." + SUFFIX;

	static final String PROBED = "run-id.probed." + SUFFIX;

	/**
	 * Whether a broker answers on 127.0.0.1:5672; without one, every test here is skipped
	 * with the reason in {@code @EnabledIf}.
	 * @return whether a broker answers
	 */
	static boolean brokerAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", () -> downstream.url("127.0.0.1"));
		registry.add("queues.orders", () -> ORDERS);
		registry.add("queues.failing", () -> FAILING);
		registry.add("queues.dead", () -> "run-id.dead." + SUFFIX);
		registry.add("queues.batch", () -> BATCH);
		// started by the batch test once the queue holds its messages
		registry.add("batch.auto-startup", () -> "false");
		registry.add("queues.probed", () -> PROBED);
		registry.add("queues.producer-batch", () -> "run-id.producer-batch." + SUFFIX);
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate template;

	@Autowired
	Seen seen;

	@Autowired
	RabbitApplication.Listeners listeners;

	@Autowired
	RabbitApplication.IdleThreads idleThreads;

	@Autowired
	ConnectionFactory connectionFactory;

	@Autowired
	RabbitTemplateConfigurer templateConfigurer;

	@Autowired
	List<RabbitTemplateCustomizer> templateCustomizers;

	@Autowired
	RunRegistry registry;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RabbitListenerEndpointRegistry listenerContainers;

	@Autowired
	Tracer tracer;

	@Test
	void runCrossesFromAnHttpRequestThroughRabbitMqToTheListenerItsLogsAndItsHttpCalls(CapturedOutput output) {
		RunId run = RunId.generate().withParent(RunId.generate());
		String answered = RestClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/send/" + ORDERS)
			.header("X-Run-Id", run.value())
			.header("X-Parent-Run-Id", run.parent().orElseThrow().value())
			.body("order-1")
			.retrieve()
			.body(String.class);
		assertThat(answered).isEqualTo(run.value());
		Seen.Visit visit = this.seen.take("order-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(visit.parentRunId()).isEqualTo(run.parent().orElseThrow().value());
		assertThat(visit.mdcRunId()).isEqualTo(run.value());
		assertThat(visit.downstream()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(output.getOut().lines().filter((line) -> line.contains("handled order order-1")))
						.singleElement(InstanceOfAssertFactories.STRING)
						.contains("[" + run.value() + "] [" + run.parent().orElseThrow().value()
								+ "] RabbitApplication$Listeners"));
	}

	@Test
	void listenersWorkIsASegmentOfKindMessageNamedAfterTheQueue() {
		// sent with the header alone: a run entered here would be active in the
		// listener's process too (one JVM), and the listener would join its segment
		RunId run = RunId.generate();
		this.template.convertAndSend(ORDERS, (Object) "segment-1", (message) -> {
			message.getMessageProperties().setHeader("X-Run-Id", run.value());
			return message;
		});
		assertThat(this.seen.take("segment-1").runId()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(run.value()))
				.hasValueSatisfying((found) -> assertThat(found.segments()).singleElement().satisfies((segment) -> {
					assertThat(segment.kind()).isEqualTo("message");
					assertThat(segment.name()).isEqualTo(ORDERS);
					assertThat(segment.status()).isEqualTo(RunStatus.SUCCEEDED);
				})));
	}

	@Test
	void eachOf200InterleavedRunsReachesItsOwnListener() throws Exception {
		ExecutorService senders = Executors.newFixedThreadPool(8);
		List<RunId> runs = new ArrayList<>();
		List<CompletableFuture<?>> sent = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				RunId run = RunId.generate();
				runs.add(run);
				String payload = "many-" + i;
				sent.add(CompletableFuture
					.runAsync(() -> RunContext.run(run, () -> this.template.convertAndSend(ORDERS, payload)), senders));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			senders.shutdownNow();
		}
		for (int i = 0; i < 200; i++) {
			Seen.Visit visit = this.seen.take("many-" + i);
			String expected = runs.get(i).value();
			assertThat(visit.runId()).isEqualTo(expected);
			assertThat(visit.mdcRunId()).isEqualTo(expected);
			assertThat(visit.downstream()).isEqualTo(expected);
		}
	}

	@Test
	void invalidRunHeaderIsReplacedAndLoggedEscaped(CapturedOutput output) {
		String invalid = "bad\nrun <script>";
		this.template.convertAndSend(ORDERS, (Object) "invalid-1", (message) -> {
			message.getMessageProperties().setHeader("X-Run-Id", invalid);
			return message;
		});
		Seen.Visit visit = this.seen.take("invalid-1");
		assertThat(visit.runId()).isNotNull().isNotEqualTo(invalid);
		assertThat(RunId.isValid(visit.runId())).isTrue();
		assertThat(visit.mdcRunId()).isEqualTo(visit.runId());
		assertThat(visit.downstream()).isEqualTo(visit.runId());
		assertThat(output.getOut()).contains("Invalid X-Run-Id header")
			.contains("replaced it with new run " + visit.runId())
			.doesNotContain(invalid)
			.doesNotContain("<script>");
	}

	@Test
	void messageWithoutRunHeaderGetsARunOfItsOwn() {
		this.template.convertAndSend(ORDERS, "missing-1");
		this.template.convertAndSend(ORDERS, "missing-2");
		Seen.Visit first = this.seen.take("missing-1");
		Seen.Visit second = this.seen.take("missing-2");
		assertThat(RunId.isValid(first.runId())).isTrue();
		assertThat(RunId.isValid(second.runId())).isTrue();
		assertThat(first.runId()).isNotEqualTo(second.runId());
		assertThat(first.downstream()).isEqualTo(first.runId());
	}

	@Test
	void failureIsLoggedInTheRunAndRetriesAndTheDeadLetterQueueKeepTheRun(CapturedOutput output) {
		RunId run = RunId.generate();
		this.template.convertAndSend(FAILING, (Object) "fail-1", (message) -> {
			message.getMessageProperties().setHeader("X-Run-Id", run.value());
			return message;
		});
		// three attempts (Boot's retry interceptor), then the dead-letter queue
		assertThat(this.seen.takeAll("fail-1", 3)).extracting(Seen.Visit::runId).containsOnly(run.value());
		Seen.Visit deadLetter = this.seen.take("dead:fail-1");
		assertThat(deadLetter.runId()).isEqualTo(run.value());
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains(" ERROR [" + run.value() + "]")
					&& line.contains("Listener of " + FAILING + " failed in run " + run.value())))
			.isNotEmpty();
		assertThat(output.getOut()).contains("no stock for fail-1");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(run.value())).hasValueSatisfying(
					(found) -> assertThat(found.segments()).filteredOn((segment) -> FAILING.equals(segment.name()))
						.isNotEmpty()
						.allSatisfy((segment) -> assertThat(segment.status()).isEqualTo(RunStatus.FAILED))));
	}

	@Test
	void traceAndRunBothArrive() {
		RunId run = RunId.generate();
		Span span = this.tracer.nextSpan().name("send").start();
		try (RunContext scope = RunContext.enter(run); Tracer.SpanInScope inScope = this.tracer.withSpan(span)) {
			this.template.convertAndSend(ORDERS, "traced-1");
		}
		finally {
			span.end();
		}
		Seen.Visit visit = this.seen.take("traced-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(this.listeners.traceIds.get("traced-1")).isEqualTo(span.context().traceId());
	}

	@Test
	void batchListenerRunsInANewRunAndEachMessageKeepsItsRunInItsHeader() {
		RunId first = RunId.generate();
		RunId second = RunId.generate();
		RunContext.run(first, () -> this.template.convertAndSend(BATCH, "b-1"));
		RunContext.run(second, () -> this.template.convertAndSend(BATCH, "b-2"));
		// the container starts once the queue holds both, so that it gathers both into
		// one
		// batch however far apart the sends were
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.admin.getQueueInfo(BATCH), (queue) -> queue != null && queue.getMessageCount() == 2);
		this.listenerContainers.getListenerContainer(RabbitApplication.BATCH).start();
		Seen.Visit one = this.seen.take("batch:b-1");
		Seen.Visit two = this.seen.take("batch:b-2");
		assertThat(one.downstream()).isEqualTo(first.value());
		assertThat(two.downstream()).isEqualTo(second.value());
		// one batch of two runs, in a new run of its own, minted without a parent
		assertThat(two.runId()).isEqualTo(one.runId());
		assertThat(one.runId()).isNotNull().isNotIn(first.value(), second.value());
		assertThat(RunId.isValid(one.runId())).isTrue();
		assertThat(one.parentRunId()).isNull();
		assertThat(one.mdcRunId()).isEqualTo(one.runId());
		assertThat(this.listeners.batches.get(one.runId())).containsExactly("b-1=" + first.value(),
				"b-2=" + second.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(one.runId()))
				.hasValueSatisfying((found) -> assertThat(found.segments()).singleElement().satisfies((segment) -> {
					assertThat(segment.kind()).isEqualTo("message");
					assertThat(segment.name()).isEqualTo(BATCH);
					assertThat(segment.status()).isEqualTo(RunStatus.SUCCEEDED);
				})));
	}

	@Test
	void batchListenerOfABatchThatABatchingTemplateMadeRunsInANewRun() {
		// a batching template set up as Boot sets up its template, with run-id's
		// post-processor: the batch is one message, with the headers of one
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		RunId first = RunId.generate();
		RunId second = RunId.generate();
		try {
			BatchingRabbitTemplate batching = new BatchingRabbitTemplate(new SimpleBatchingStrategy(2, 65536, 30_000),
					scheduler);
			this.templateConfigurer.configure(batching, this.connectionFactory);
			this.templateCustomizers.forEach((customizer) -> customizer.customize(batching));
			String queue = "run-id.producer-batch." + SUFFIX;
			RunContext.run(first, () -> batching.convertAndSend(queue, "p-1"));
			// the second message completes the batch, which goes out now
			RunContext.run(second, () -> batching.convertAndSend(queue, "p-2"));
		}
		finally {
			scheduler.shutdown();
		}
		Seen.Visit one = this.seen.take("producer-batch:p-1");
		Seen.Visit two = this.seen.take("producer-batch:p-2");
		assertThat(two.runId()).isEqualTo(one.runId());
		assertThat(one.runId()).isNotNull().isNotIn(first.value(), second.value());
		assertThat(RunId.isValid(one.runId())).isTrue();
		assertThat(one.parentRunId()).isNull();
		assertThat(one.mdcRunId()).isEqualTo(one.runId());
	}

	@Test
	void afterTheListenerTheConsumerThreadHoldsNoRun() {
		RunId run = RunId.generate();
		RunContext.run(run, () -> this.template.convertAndSend(PROBED, "probed-1"));
		Seen.Visit visit = this.seen.take("probed-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(visit.mdcRunId()).isEqualTo(run.value());
		assertThat(visit.downstream()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.listeners.after.get("probed-1")).isNotNull());
		Step after = this.listeners.after.get("probed-1");
		assertThat(after.thread()).isEqualTo(visit.thread());
		assertThat(after.state()).isEqualTo(run.value() + "/" + run.value());
		// seen on the same thread when its container is idle next
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.idleThreads.steps).anySatisfy((step) -> {
				assertThat(step.thread()).isEqualTo(visit.thread());
				assertThat(step.at()).isGreaterThan(after.at());
			}));
		assertThat(this.idleThreads.steps)
			.filteredOn((step) -> step.thread().equals(visit.thread()) && step.at() > after.at())
			.allSatisfy((step) -> assertThat(step.state()).isEqualTo("-/-"));
	}

}
