package dev.runid.spring.dashboard;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.runid.spring.test.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser over the registry's own recorder and memory store: a
 * request to the application shows up in the open list by itself, and its page shows the
 * segment the request recorded. Subclasses start the application on one web stack.
 */
abstract class RunIdDashboardRecordingBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser(@TempDir Path profile) {
		Chromium.assumeInstalled();
		browser = Chromium.start(profile);
	}

	@AfterAll
	static void quitBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	/**
	 * Whether the registry records the request's segment as {@code http} with its route
	 * template.
	 * @return {@code true} where it does
	 */
	boolean recordsRouteNames() {
		return true;
	}

	@Test
	void aRequestShowsUpInTheOpenListAndOnItsOwnPage() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		wait.ignoring(StaleElementReferenceException.class);
		String runId = "order-run-" + getClass().getSimpleName().length();
		// the search keeps the list to this run: the dashboard's own requests are runs
		// too
		browser.get("http://127.0.0.1:" + this.port + "/run-id/?q=order-run-");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tbody")));
		assertThat(browser.findElements(By.cssSelector("#runs tr[data-run-id='" + runId + "']"))).isEmpty();
		browser.executeScript("window.notReloaded = true;");

		HttpResponse<String> response = Http.get(this.port, "/orders/42", "X-Run-Id", runId);
		assertThat(response.body()).isEqualTo("order 42");

		By row = By.cssSelector("#runs tr[data-run-id='" + runId + "']");
		wait.until((driver) -> driver.findElements(row).size() == 1
				&& driver.findElement(row).getDomAttribute("data-status").equals("SUCCEEDED"));
		assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
		WebElement found = browser.findElement(row);
		assertThat(found.findElement(By.cssSelector("td.services")).getText()).isEqualTo("dashboard-test");
		if (recordsRouteNames()) {
			assertThat(found.findElement(By.cssSelector("td.name")).getText()).isEqualTo("GET /orders/{id}");
		}

		found.findElement(By.cssSelector("a.run-id")).click();
		wait.until(ExpectedConditions.textToBe(By.id("run-id"), runId));
		WebElement segment = browser.findElement(By.cssSelector("#timeline .segment"));
		assertThat(segment.getDomAttribute("data-service")).isEqualTo("dashboard-test");
		if (recordsRouteNames()) {
			assertThat(segment.findElement(By.cssSelector(".kind")).getText()).isEqualTo("http 200");
			assertThat(segment.findElement(By.cssSelector(".name")).getText()).isEqualTo("GET /orders/{id}");
		}
		assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("SUCCEEDED");
	}

}
