package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard in headless Chromium, served by Spring WebFlux.
 */
@SpringBootTest(classes = { DashboardWebFluxApplication.class, TestRunStore.Configuration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.web-application-type=reactive",
				"run-id.dashboard.enabled=true", "run-id.registry.enabled=false" })
class RunIdDashboardWebFluxBrowserTests extends RunIdDashboardBrowserTests {

}
