package dev.runid.spring.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.runid.spring.dashboard.TestRunStore.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard in a real browser (headless Chromium): the list, its live refresh,
 * filters and paging, a run's page with its timeline, usage, attributes, errors and child
 * runs, and markup in user data shown as text. Subclasses start the application on one
 * web stack.
 */
abstract class RunIdDashboardBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestRunStore store;

	private WebDriverWait wait;

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

	@BeforeEach
	void saveRuns() {
		this.store.clear();
		DashboardRuns.saveTo(this.store);
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void noScriptErrorsOrBlockedContent() {
		List<String> severe = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			// what the browser says of the 404 that tells the page a run is unknown
			.filter((message) -> !message.contains("the server responded with a status of 404"))
			.toList();
		assertThat(severe).as("console errors").isEmpty();
	}

	@Test
	void listShowsRunsNewestFirstWithStatusNameServicesUserAndDuration() {
		open("/run-id/");
		List<WebElement> rows = rows(6);
		assertThat(rows).extracting((row) -> row.getDomAttribute("data-run-id"))
			.containsExactly(DashboardRuns.MARKUP, DashboardRuns.RUNNING, DashboardRuns.FAILED,
					DashboardRuns.SUB_SUB_AGENT, DashboardRuns.SUB_AGENT, DashboardRuns.AGENT);
		WebElement agent = row(DashboardRuns.AGENT);
		assertThat(cells(agent)).containsExactly("SUCCEEDED", DashboardRuns.AGENT, "POST /agent/runs",
				"gateway → agent-service → tool-service", "alice", startedText(agent), "1.84 s");
		assertThat(cells(row(DashboardRuns.FAILED)).get(0)).isEqualTo("FAILED");
		assertThat(cells(row(DashboardRuns.RUNNING)).get(6)).endsWith("so far");
		assertThat(row(DashboardRuns.SUB_AGENT).getText()).contains("↳ child");
		// status is colour and text: red for failed, green for succeeded, blue for
		// running
		assertThat(badge(DashboardRuns.FAILED).getCssValue("color")).isEqualTo("rgba(192, 38, 45, 1)");
		assertThat(badge(DashboardRuns.AGENT).getCssValue("color")).isEqualTo("rgba(29, 122, 70, 1)");
		assertThat(badge(DashboardRuns.RUNNING).getCssValue("color")).isEqualTo("rgba(44, 111, 212, 1)");
	}

	@Test
	void listShowsANewRunWithoutReloading() {
		open("/run-id/");
		rows(6);
		browser.executeScript("window.notReloaded = true;");
		Segment.of("fresh-run-0001").service("order-service").at("2026-12-01T04:00:00Z", 80).saveTo(this.store);
		this.wait.until((driver) -> "fresh-run-0001".equals(rows().get(0).getDomAttribute("data-run-id")));
		assertThat(rows()).hasSize(7);
		assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
	}

	@Test
	void filtersByStatus() {
		open("/run-id/");
		rows(6);
		new Select(browser.findElement(By.id("status-filter"))).selectByValue("FAILED");
		this.wait.until((driver) -> rows().size() == 2);
		assertThat(rows()).extracting((row) -> row.getDomAttribute("data-run-id"))
			.containsExactly(DashboardRuns.MARKUP, DashboardRuns.FAILED);
		assertThat(browser.getCurrentUrl()).endsWith("/run-id/?status=FAILED");
		// the filter is in the URL, so a reload (or a shared link) keeps it
		browser.navigate().refresh();
		this.wait.until((driver) -> rows().size() == 2);
		assertThat(new Select(browser.findElement(By.id("status-filter"))).getFirstSelectedOption().getText())
			.isEqualTo("Failed");
	}

	@Test
	void findsRunsByIdPrefixAndByExactId() {
		open("/run-id/");
		rows(6);
		WebElement search = browser.findElement(By.id("search"));
		search.sendKeys("agent-7f3a-");
		this.wait.until((driver) -> rows().size() == 2);
		assertThat(rows()).extracting((row) -> row.getDomAttribute("data-run-id"))
			.containsExactly(DashboardRuns.SUB_SUB_AGENT, DashboardRuns.SUB_AGENT);
		search.clear();
		search.sendKeys(DashboardRuns.FAILED);
		this.wait.until((driver) -> rows().size() == 1);
		assertThat(rows().get(0).getDomAttribute("data-run-id")).isEqualTo(DashboardRuns.FAILED);
		search.clear();
		search.sendKeys("no-such-run");
		this.wait.until((driver) -> rows().isEmpty());
		assertThat(browser.findElement(By.id("runs-message")).getText()).isEqualTo("No run matches.");
	}

	@Test
	void pagesThroughLongLists() {
		open("/run-id/?limit=4");
		rows(4);
		assertThat(browser.findElement(By.id("newer")).isEnabled()).isFalse();
		browser.findElement(By.id("older")).click();
		this.wait.until((driver) -> rows().size() == 2);
		assertThat(rows()).extracting((row) -> row.getDomAttribute("data-run-id"))
			.containsExactly(DashboardRuns.SUB_AGENT, DashboardRuns.AGENT);
		assertThat(browser.findElement(By.id("older")).isEnabled()).isFalse();
		assertThat(browser.findElement(By.id("page-info")).getText()).isEqualTo("page 2");
		browser.findElement(By.id("newer")).click();
		this.wait.until((driver) -> rows().size() == 4);
		assertThat(rows().get(0).getDomAttribute("data-run-id")).isEqualTo(DashboardRuns.MARKUP);
	}

	@Test
	void opensARunWithItsTimelineUsageAttributesAndChildRuns() {
		open("/run-id/");
		rows(6);
		row(DashboardRuns.AGENT).findElement(By.cssSelector("a.run-id")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
		assertThat(browser.getCurrentUrl()).endsWith("/run-id/runs/" + DashboardRuns.AGENT);
		assertThat(browser.getTitle()).isEqualTo("Run " + DashboardRuns.AGENT + " · run-id");
		assertThat(text("run-id")).isEqualTo(DashboardRuns.AGENT);
		assertThat(text("run-status")).isEqualTo("SUCCEEDED");
		assertThat(text("duration")).isEqualTo("1.84 s");
		assertThat(text("services")).isEqualTo("gateway → agent-service → tool-service");
		assertThat(text("parent")).isEqualTo("—");
		assertThat(text("llm-calls")).isEqualTo("3");
		assertThat(text("input-tokens")).isEqualTo("1,234");
		assertThat(text("output-tokens")).isEqualTo("210");
		assertThat(attribute("user")).isEqualTo("alice");
		assertThat(attribute("task")).isEqualTo("Weather in Paris, then a summary");
		List<WebElement> segments = browser.findElements(By.cssSelector("#timeline .segment"));
		assertThat(segments).extracting((segment) -> segment.getDomAttribute("data-service"))
			.containsExactly("gateway", "agent-service", "tool-service");
		assertThat(segments.get(2).findElement(By.cssSelector(".name")).getText()).isEqualTo("GET /tools/weather");
		assertThat(segments.get(2).findElement(By.cssSelector(".kind")).getText()).isEqualTo("http 200");
		assertThat(browser.findElements(By.id("errors"))).isEmpty();
		List<WebElement> children = browser.findElements(By.cssSelector("#children li.child"));
		assertThat(children).extracting((child) -> child.getDomAttribute("data-run-id"))
			.containsExactly(DashboardRuns.SUB_AGENT, DashboardRuns.SUB_SUB_AGENT);
		assertThat(children.get(0).getText()).contains("Summariser.summarise · 760 ms");
		// the sub-agent's own sub-agent is nested under it
		assertThat(children.get(0).findElements(By.cssSelector("ul li.child"))).hasSize(1);
	}

	@Test
	void timelineDrawsEverySegmentOnOneTimeAxis() {
		open("/run-id/runs/" + DashboardRuns.AGENT);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
		List<WebElement> tracks = browser.findElements(By.cssSelector("#timeline .track"));
		List<WebElement> bars = browser.findElements(By.cssSelector("#timeline .bar"));
		Rectangle track = tracks.get(0).getRect();
		double width = track.getWidth();
		// gateway 0-1840 ms, agent-service 40-1820 ms, tool-service 610-930 ms
		assertThat(left(bars.get(0), track)).isCloseTo(0, within(2.0));
		assertThat(width(bars.get(0))).isCloseTo(width, within(2.0));
		assertThat(left(bars.get(1), track)).isCloseTo(width * 40 / 1840, within(2.0));
		assertThat(left(bars.get(2), track)).isCloseTo(width * 610 / 1840, within(2.0));
		assertThat(width(bars.get(2))).isCloseTo(width * 320 / 1840, within(2.0));
		assertThat(bars.get(2).getDomAttribute("class")).contains("status-succeeded");
	}

	@Test
	void followsAChildLinkAndTheLinkUpToTheParent() {
		open("/run-id/runs/" + DashboardRuns.AGENT);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("children")));
		browser.findElement(By.cssSelector("#children li[data-run-id='" + DashboardRuns.SUB_AGENT + "'] > a")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("run-id"), DashboardRuns.SUB_AGENT));
		assertThat(browser.getCurrentUrl()).endsWith("/run-id/runs/" + DashboardRuns.SUB_AGENT);
		assertThat(text("llm-calls")).isEqualTo("1");
		assertThat(text("parent")).isEqualTo("↑ " + DashboardRuns.AGENT);
		browser.findElement(By.cssSelector("#parent a")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("run-id"), DashboardRuns.AGENT));
		assertThat(browser.getCurrentUrl()).endsWith("/run-id/runs/" + DashboardRuns.AGENT);
	}

	@Test
	void showsTheErrorOfAFailedSegment() {
		open("/run-id/runs/" + DashboardRuns.FAILED);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("errors")));
		assertThat(text("run-status")).isEqualTo("FAILED");
		WebElement error = browser.findElement(By.cssSelector("#errors .error-box"));
		assertThat(error.findElement(By.cssSelector(".error-where")).getText())
			.isEqualTo("order-service · POST /orders");
		assertThat(error.findElement(By.cssSelector(".error-type")).getText())
			.isEqualTo("java.lang.IllegalStateException");
		assertThat(error.findElement(By.cssSelector(".error-message")).getText())
			.isEqualTo("Inventory service timed out after 2s");
		assertThat(text("usage")).isEqualTo("No LLM usage recorded.");
		assertThat(text("no-children")).isEqualTo("No child runs.");
	}

	@Test
	void showsMarkupInAttributesAndErrorMessagesAsTextAndRunsNone() {
		open("/run-id/runs/" + DashboardRuns.MARKUP);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attributes")));
		assertThat(attribute("note")).isEqualTo(DashboardRuns.SCRIPT_VALUE);
		assertThat(browser.findElement(By.cssSelector("#errors .error-message")).getText())
			.isEqualTo("<b>not bold</b> & \"quoted\"\nsecond line");
		assertThat(browser.findElements(By.cssSelector("main script, main img, main b"))).isEmpty();
		assertThat(browser.executeScript("return typeof window.runIdInjected;")).isEqualTo("undefined");
	}

	@Test
	void saysSoForARunItDoesNotKnow() {
		open("/run-id/runs/no-such-run");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found")));
		assertThat(text("not-found")).isEqualTo("No run with the ID no-such-run is recorded in this registry.");
	}

	@Test
	void screenshotOfARunPage() throws Exception {
		open("/run-id/runs/" + DashboardRuns.AGENT);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("children")));
		// the whole page, beyond the window's height
		long height = (Long) browser.executeScript("return document.documentElement.scrollHeight;");
		Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip",
						Map.of("x", 0, "y", 0, "width", 1280, "height", height, "scale", 1)));
		Path screenshot = Path.of("target", "dashboard-" + getClass().getSimpleName() + ".png");
		Files.write(screenshot, Base64.getDecoder().decode((String) shot.get("data")));
		assertThat(screenshot).isNotEmptyFile();
	}

	private static double left(WebElement bar, Rectangle track) {
		return bar.getRect().getX() - track.getX();
	}

	private static double width(WebElement bar) {
		return bar.getRect().getWidth();
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + this.port + path);
	}

	private List<WebElement> rows() {
		return browser.findElements(By.cssSelector("#runs tbody tr"));
	}

	private List<WebElement> rows(int count) {
		this.wait.until((driver) -> rows().size() == count);
		return rows();
	}

	private WebElement row(String id) {
		return browser.findElement(By.cssSelector("#runs tr[data-run-id='" + id + "']"));
	}

	private WebElement badge(String id) {
		return row(id).findElement(By.cssSelector(".status"));
	}

	private static List<String> cells(WebElement row) {
		return row.findElements(By.tagName("td"))
			.stream()
			.map((cell) -> cell.getText().replace("↳ child", "").strip())
			.toList();
	}

	private static String startedText(WebElement row) {
		return row.findElements(By.tagName("td")).get(5).getText();
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static String attribute(String key) {
		return browser.findElement(By.cssSelector("#attributes tr[data-key='" + key + "'] td")).getText();
	}

}
