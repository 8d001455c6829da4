package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard in headless Chromium, served by Spring MVC.
 */
@SpringBootTest(classes = { DashboardMvcApplication.class, TestRunStore.Configuration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.dashboard.enabled=true", "run-id.registry.enabled=false" })
class RunIdDashboardMvcBrowserTests extends RunIdDashboardBrowserTests {

}
