package dev.runid.spring.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts the Debian {@code chromium} headless through the Debian {@code chromedriver},
 * both by explicit path, so that Selenium Manager never looks for (or downloads) a
 * browser or driver. Tests that need it are skipped where it is not installed.
 */
final class Chromium {

	static final Path BROWSER = Path.of(System.getenv().getOrDefault("RUN_ID_CHROMIUM", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getenv().getOrDefault("RUN_ID_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	/**
	 * Skip the calling test unless the browser and its driver are installed.
	 */
	static void assumeInstalled() {
		assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
				"The browser tests need Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER
						+ "): run .ci/setup-chromium (apt-get install chromium chromium-driver), or point "
						+ "RUN_ID_CHROMIUM and RUN_ID_CHROMEDRIVER at a Chromium and its chromedriver");
	}

	/**
	 * Start a headless browser with a fresh profile.
	 * @param profile an empty directory for the browser's profile
	 * @return the driver; quit it when done
	 */
	static ChromeDriver start(Path profile) {
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File(profile.toFile(), "chromedriver.log"))
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
				"--window-size=1280,1000", "--no-first-run", "--disable-extensions", "--disable-component-update",
				"--disable-sync", "--disable-default-apps", "--lang=en-US"));
		// console messages (script errors, blocked content) for the tests to check
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		return driver;
	}

	static void quit(WebDriver driver) {
		driver.quit();
	}

}
