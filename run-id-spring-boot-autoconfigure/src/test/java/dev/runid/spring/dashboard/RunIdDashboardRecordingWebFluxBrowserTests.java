package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard over the recorder and memory store, in headless Chromium, on Spring
 * WebFlux.
 */
@SpringBootTest(classes = DashboardWebFluxApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "run-id.dashboard.enabled=true",
				"spring.application.name=dashboard-test" })
class RunIdDashboardRecordingWebFluxBrowserTests extends RunIdDashboardRecordingBrowserTests {

}
