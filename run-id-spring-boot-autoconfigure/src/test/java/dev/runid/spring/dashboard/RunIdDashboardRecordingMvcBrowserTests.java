package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard over the recorder and memory store, in headless Chromium, on Spring MVC.
 */
@SpringBootTest(classes = DashboardMvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.dashboard.enabled=true", "spring.application.name=dashboard-test" })
class RunIdDashboardRecordingMvcBrowserTests extends RunIdDashboardRecordingBrowserTests {

}
