package dev.runid.spring.slice.mvc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WebMvcTest} with {@code run-id.enabled=false}: the slice has no run-id filter,
 * as the application would not.
 */
@WebMvcTest(RunController.class)
@Import(RunNotes.class)
@TestPropertySource(properties = "run-id.enabled=false")
class MvcSliceRunIdDisabledTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void requestHasNoRunAndNoRunHeader() {
		MvcTestResult result = this.mvc.get().uri("/plain").header("X-Run-Id", "run-1").exchange();
		assertThat(result).hasStatusOk().hasBodyTextEqualTo("none").doesNotContainHeader("X-Run-Id");
	}

}
