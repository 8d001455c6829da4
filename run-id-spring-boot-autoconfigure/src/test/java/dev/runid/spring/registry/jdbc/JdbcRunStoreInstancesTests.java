package dev.runid.spring.registry.jdbc;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.runid.RunId;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.autoconfigure.RunIdRegistryJdbcAutoConfiguration;
import dev.runid.spring.registry.RunSegment;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.test.ApplicationProcess;
import dev.runid.spring.test.Http;
import dev.runid.spring.test.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two applications share one PostgreSQL through the JDBC store, each in a JVM of its own
 * as instances of two services would run: {@code orders} (Spring MVC) calls {@code stock}
 * (WebFlux) over real HTTP, forwarding the run; each records its segment, and each finds
 * the whole run.
 */
class JdbcRunStoreInstancesTests {

	private static String jdbcUrl;

	private static ApplicationProcess stock;

	private static ApplicationProcess orders;

	@BeforeAll
	static void startBothInstances() {
		jdbcUrl = PostgresServer.shared().createDatabase();
		stock = startStock(jdbcUrl);
		orders = startOrders(jdbcUrl, stock);
	}

	static ApplicationProcess startStock(String jdbcUrl, String... properties) {
		return ApplicationProcess.start(StockApplication.class, "stock", jdbcUrl,
				with(properties, "spring.main.web-application-type=reactive"));
	}

	static ApplicationProcess startOrders(String jdbcUrl, ApplicationProcess stock, String... properties) {
		return ApplicationProcess.start(OrdersApplication.class, "orders", jdbcUrl, with(properties,
				"spring.main.web-application-type=servlet", "stock.url=http://127.0.0.1:" + stock.port()));
	}

	private static String[] with(String[] properties, String... more) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	@AfterAll
	static void stopBothInstances() {
		if (orders != null) {
			orders.close();
		}
		if (stock != null) {
			stock.close();
		}
	}

	@Test
	void eachInstanceFindsBothSegmentsOfARunThatCrossedThem() {
		String runId = RunId.generate().value();
		HttpResponse<String> response = Http.get(orders.port(), "/orders/42", "X-Run-Id", runId);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("42 in stock");
		long ended = System.nanoTime();
		for (ApplicationProcess instance : List.of(orders, stock)) {
			await().atMost(Duration.ofSeconds(2)).until(() -> {
				String run = Http.get(instance.port(), "/actuator/runs/" + runId).body();
				return run.contains("\"service\":\"orders\"") && run.contains("\"service\":\"stock\"")
						&& run.contains("\"status\":\"SUCCEEDED\"") && !run.contains("RUNNING");
			});
		}
		assertThat(Duration.ofNanos(System.nanoTime() - ended)).as("visible from both within 2 s of its end")
			.isLessThan(Duration.ofSeconds(2));
		for (ApplicationProcess instance : List.of(orders, stock)) {
			HttpResponse<String> record = Http.get(instance.port(), "/actuator/runs/" + runId);
			assertThat(record.statusCode()).isEqualTo(200);
			assertThat(record.body()).contains("\"id\":\"" + runId + "\"")
				.contains("\"name\":\"GET /orders/{id}\"")
				.contains("\"name\":\"GET /stock/{id}\"")
				.contains("\"httpStatus\":200");
		}
		JdbcRunStore store = new JdbcRunStore(PostgresServer.dataSource(jdbcUrl), 1, Duration.ofSeconds(1),
				Duration.ofDays(1));
		RunRecord run = store.find(runId).orElseThrow();
		assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.segments()).extracting(RunSegment::service).containsExactly("orders", "stock");
		assertThat(run.segments()).extracting(RunSegment::httpStatus).containsExactly(200, 200);
		assertThat(run.segments()).extracting(RunSegment::instance).doesNotHaveDuplicates();
	}

	@Test
	void recordsEverySegmentOfAThousandConcurrentRunsExactlyOnce() throws Exception {
		int runs = 1000;
		List<String> ids = new ArrayList<>(runs);
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(32);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				String runId = "load-" + RunId.generate().value();
				ids.add(runId);
				int item = i;
				calls.add(clients.submit(() -> {
					HttpResponse<String> response = Http.get(orders.port(), "/orders/" + item, "X-Run-Id", runId);
					if (response.statusCode() != 200) {
						failures.add(runId + ": " + response.statusCode());
					}
				}));
			}
			for (Future<?> call : calls) {
				call.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(failures).isEmpty();
		JdbcClient database = JdbcClient.create(PostgresServer.dataSource(jdbcUrl));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> database
				.sql("SELECT COUNT(*) FROM run_id_segment WHERE run_id LIKE 'load-%' AND ended_at IS NOT NULL")
				.query(Integer.class)
				.single() == 2 * runs);
		// exactly one segment per run and service: none lost, none written twice
		List<Map<String, Object>> notOnce = database
			.sql("SELECT run_id, service, COUNT(*) AS n FROM run_id_segment WHERE run_id LIKE 'load-%' "
					+ "GROUP BY run_id, service HAVING COUNT(*) <> 1")
			.query()
			.listOfRows();
		assertThat(notOnce).isEmpty();
		assertThat(database.sql("SELECT COUNT(*) FROM run_id_segment WHERE run_id LIKE 'load-%'")
			.query(Integer.class)
			.single()).isEqualTo(2 * runs);
		assertThat(database.sql("SELECT COUNT(DISTINCT run_id) FROM run_id_segment WHERE run_id LIKE 'load-%'")
			.query(Integer.class)
			.single()).isEqualTo(runs);
		assertThat(database.sql("SELECT COUNT(*) FROM run_id_run WHERE run_id LIKE 'load-%'")
			.query(Integer.class)
			.single()).isEqualTo(runs);
		assertThat(Http.get(stock.port(), "/actuator/runs/" + ids.get(runs / 2)).body())
			.contains("\"service\":\"orders\"")
			.contains("\"service\":\"stock\"");
		assertThat(orders.meter(RunIdRegistryJdbcAutoConfiguration.DROPPED_METER)).isZero();
		assertThat(stock.meter(RunIdRegistryJdbcAutoConfiguration.DROPPED_METER)).isZero();
	}

	@Test
	void writesWhatIsQueuedWhenTheApplicationShutsDown() {
		JdbcRunStore database = new JdbcRunStore(PostgresServer.dataSource(jdbcUrl), 1, Duration.ofSeconds(1),
				Duration.ofDays(1));
		String runId = RunId.generate().value();
		try (ApplicationProcess late = ApplicationProcess.start(StockApplication.class, "late", jdbcUrl,
				"spring.main.web-application-type=reactive", "run-id.registry.jdbc.flush-interval=1h")) {
			assertThat(Http.get(late.port(), "/stock/1", "X-Run-Id", runId).statusCode()).isEqualTo(200);
			// queued with the runs of the health checks that waited for the start
			await().atMost(Duration.ofSeconds(30))
				.until(() -> late.meter(RunIdRegistryJdbcAutoConfiguration.QUEUED_METER) >= 1.0);
			assertThat(database.find(runId)).isEmpty();
		}
		RunRecord run = database.find(runId).orElseThrow();
		assertThat(run.segments()).extracting(RunSegment::service).containsExactly("late");
		assertThat(run.endedAt()).isNotNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OrdersApplication.Orders.class)
	public static class OrdersApplication {

		public static void main(String[] args) {
			SpringApplication.run(OrdersApplication.class, args);
		}

		@Bean
		RestClient stockClient(RestClient.Builder builder, Environment environment) {
			return builder.baseUrl(environment.getRequiredProperty("stock.url")).build();
		}

		@RestController
		static class Orders {

			private final RestClient stock;

			Orders(RestClient stock) {
				this.stock = stock;
			}

			@GetMapping("/orders/{id}")
			String order(@PathVariable String id) {
				return this.stock.get().uri("/stock/{id}", id).retrieve().body(String.class);
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(StockApplication.Stock.class)
	public static class StockApplication {

		public static void main(String[] args) {
			SpringApplication.run(StockApplication.class, args);
		}

		@RestController
		static class Stock {

			@GetMapping("/stock/{id}")
			Mono<String> stock(@PathVariable String id) {
				return Mono.just(id + " in stock");
			}

		}

	}

}
