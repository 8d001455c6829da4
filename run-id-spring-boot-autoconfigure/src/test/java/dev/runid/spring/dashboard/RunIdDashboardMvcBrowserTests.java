package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard in headless Chromium, served by Spring MVC.
 */
@SpringBootTest(classes = DashboardMvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "run-id.dashboard.enabled=true")
class RunIdDashboardMvcBrowserTests extends RunIdDashboardBrowserTests {

}
