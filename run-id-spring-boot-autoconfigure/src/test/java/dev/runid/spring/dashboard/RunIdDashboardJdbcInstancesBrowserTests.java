package dev.runid.spring.dashboard;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.test.ApplicationProcess;
import dev.runid.spring.test.Http;
import dev.runid.spring.test.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard over the JDBC store: two services, each in a JVM of its own, share one
 * PostgreSQL; {@code shop} (Spring MVC) calls {@code warehouse} (WebFlux) in the run of a
 * request and in a child run it starts. The dashboard of the shop alone shows the run
 * with the segments of both services and its child, in headless Chromium and in its JSON
 * resources, which the warehouse's dashboard answers the same.
 */
class RunIdDashboardJdbcInstancesBrowserTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static ApplicationProcess warehouse;

	private static ApplicationProcess shop;

	private static ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	static void startBothInstancesAndTheBrowser(@TempDir Path profile) {
		Chromium.assumeInstalled();
		String jdbcUrl = PostgresServer.shared().createDatabase();
		warehouse = ApplicationProcess.start(WarehouseApplication.class, "warehouse", jdbcUrl,
				"spring.main.web-application-type=reactive", "run-id.dashboard.enabled=true");
		shop = ApplicationProcess.start(ShopApplication.class, "shop", jdbcUrl,
				"spring.main.web-application-type=servlet", "run-id.dashboard.enabled=true",
				"warehouse.url=http://127.0.0.1:" + warehouse.port());
		browser = Chromium.start(profile);
	}

	@AfterAll
	static void stopAll() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
		if (shop != null) {
			shop.close();
		}
		if (warehouse != null) {
			warehouse.close();
		}
	}

	@BeforeEach
	void browserWait() {
		// the JDBC store writes in the background, every flush interval (250 ms)
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@Test
	void oneInstancesDashboardShowsARunWithTheSegmentsOfBothServicesAndItsChildRun() {
		String runId = "shop-order-" + RunId.generate().value();
		HttpResponse<String> response = Http.get(shop.port(), "/orders/42", "X-Run-Id", runId);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("42 in stock, reserved");

		JsonNode run = awaitEnded(shop, runId, 2);
		assertThat(services(run)).containsExactly("shop", "warehouse");
		assertThat(run.get("segments").get(0).get("name").asString()).isEqualTo("GET /orders/{id}");
		assertThat(run.get("segments").get(1).get("name").asString()).isEqualTo("GET /stock/{id}");
		assertThat(run.get("segments").get(0).get("instance").asString())
			.isNotEqualTo(run.get("segments").get(1).get("instance").asString());
		assertThat(run.get("children")).hasSize(1);
		String childId = run.get("children").get(0).get("id").asString();
		JsonNode child = awaitEnded(shop, childId, 2);
		assertThat(child.get("parentId").asString()).isEqualTo(runId);
		assertThat(services(child)).containsExactly("shop", "warehouse");
		assertThat(child.get("segments").get(1).get("name").asString()).isEqualTo("POST /reservations/{id}");
		assertThat(awaitEnded(shop, runId, 2).get("children").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
		// the other instance (WebFlux) reads the same record from the database
		assertThat(json.readTree(Http.get(warehouse.port(), "/run-id/api/runs/" + runId).body()))
			.isEqualTo(awaitEnded(shop, runId, 2));

		browser.get("http://127.0.0.1:" + shop.port() + "/run-id/?q=" + runId);
		By row = By.cssSelector("#runs tr[data-run-id='" + runId + "']");
		this.wait.until((driver) -> driver.findElements(row).size() == 1);
		assertThat(browser.findElement(row).findElement(By.cssSelector("td.services")).getText())
			.isEqualTo("shop → warehouse");
		browser.findElement(row).findElement(By.cssSelector("a.run-id")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("run-id"), runId));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("children")));
		assertThat(text("run-status")).isEqualTo("SUCCEEDED");
		assertThat(text("services")).isEqualTo("shop → warehouse");
		List<WebElement> segments = browser.findElements(By.cssSelector("#timeline .segment"));
		assertThat(segments).extracting((segment) -> segment.getDomAttribute("data-service"))
			.containsExactly("shop", "warehouse");
		assertThat(segments).extracting((segment) -> segment.findElement(By.cssSelector(".name")).getText())
			.containsExactly("GET /orders/{id}", "GET /stock/{id}");
		assertThat(segments).extracting((segment) -> segment.findElement(By.cssSelector(".kind")).getText())
			.containsExactly("http 200", "http 200");
		assertThat(browser.findElements(By.cssSelector("#timeline .bar"))).hasSize(2);

		browser.findElement(By.cssSelector("#children li[data-run-id='" + childId + "'] > a")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("run-id"), childId));
		assertThat(browser.getCurrentUrl()).endsWith("/run-id/runs/" + childId);
		assertThat(text("parent")).isEqualTo("↑ " + runId);
		assertThat(browser.findElements(By.cssSelector("#timeline .segment")))
			.extracting((segment) -> segment.getDomAttribute("data-service"))
			.containsExactly("shop", "warehouse");
		browser.findElement(By.cssSelector("#parent a")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("run-id"), runId));
	}

	@Test
	void oneInstancesListShowsARunThatOnlyTheOtherInstanceServed() {
		String runId = "warehouse-only-" + RunId.generate().value();
		browser.get("http://127.0.0.1:" + shop.port() + "/run-id/?q=warehouse-only-");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tbody")));
		browser.executeScript("window.notReloaded = true;");

		assertThat(Http.get(warehouse.port(), "/stock/7", "X-Run-Id", runId).body()).isEqualTo("7 in stock");

		By row = By.cssSelector("#runs tr[data-run-id='" + runId + "']");
		this.wait.until((driver) -> driver.findElements(row).size() == 1
				&& "SUCCEEDED".equals(driver.findElement(row).getDomAttribute("data-status")));
		assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
		assertThat(browser.findElement(row).findElement(By.cssSelector("td.services")).getText())
			.isEqualTo("warehouse");
		assertThat(browser.findElement(row).findElement(By.cssSelector("td.name")).getText())
			.isEqualTo("GET /stock/{id}");
	}

	/**
	 * The run's record from an instance's dashboard, once it has the given number of
	 * segments, all ended.
	 */
	private static JsonNode awaitEnded(ApplicationProcess instance, String runId, int segments) {
		return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> response = Http.get(instance.port(), "/run-id/api/runs/" + runId);
			return (response.statusCode() == 200) ? json.readTree(response.body()) : null;
		}, (run) -> run != null && run.get("segments").size() == segments && !run.get("endedAt").isNull());
	}

	private static List<String> services(JsonNode run) {
		return run.get("segments").valueStream().map((segment) -> segment.get("service").asString()).toList();
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ShopApplication.Orders.class)
	public static class ShopApplication {

		public static void main(String[] args) {
			SpringApplication.run(ShopApplication.class, args);
		}

		@Bean
		RestClient warehouseClient(RestClient.Builder builder, Environment environment) {
			return builder.baseUrl(environment.getRequiredProperty("warehouse.url")).build();
		}

		@RestController
		static class Orders {

			private final RestClient warehouse;

			Orders(RestClient warehouse) {
				this.warehouse = warehouse;
			}

			@GetMapping("/orders/{id}")
			String order(@PathVariable String id) throws Exception {
				String stock = this.warehouse.get().uri("/stock/{id}", id).retrieve().body(String.class);
				// the reservation is a run of its own, a child of the request's run
				RunId child = RunId.generate(RunContext.current().orElseThrow());
				String reservation = RunContext.call(child,
						() -> this.warehouse.post().uri("/reservations/{id}", id).retrieve().body(String.class));
				return stock + ", " + reservation;
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(WarehouseApplication.Stock.class)
	public static class WarehouseApplication {

		public static void main(String[] args) {
			SpringApplication.run(WarehouseApplication.class, args);
		}

		@RestController
		static class Stock {

			@GetMapping("/stock/{id}")
			Mono<String> stock(@PathVariable String id) {
				return Mono.just(id + " in stock");
			}

			@PostMapping("/reservations/{id}")
			Mono<String> reserve(@PathVariable String id) {
				return Mono.just("reserved");
			}

		}

	}

}
