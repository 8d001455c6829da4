package dev.runid.spring.web.servlet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.MethodParameter;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.ErrorResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdProblemDetailAdvice#supports}: the advice chain runs it only for
 * return types that can carry a {@link ProblemDetail}.
 */
class RunIdProblemDetailAdviceTests {

	private final RunIdProblemDetailAdvice advice = new RunIdProblemDetailAdvice();

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "problemDetail, true", "subclass, true", "object, true", "entity, true", "errorResponse, true",
			"apiResult, true", "optional, true", "string, false", "dto, false", "bytes, false" })
	void supportsOnlyReturnTypesThatCanCarryAProblemDetail(String method, boolean supported) {
		MethodParameter returnType = new MethodParameter(ReflectionUtils.findMethod(Handlers.class, method), -1);
		assertThat(this.advice.supports(returnType, JacksonJsonHttpMessageConverter.class)).isEqualTo(supported);
	}

	@SuppressWarnings("unused")
	static class Handlers {

		ProblemDetail problemDetail() {
			return ProblemDetail.forStatus(400);
		}

		CustomProblem subclass() {
			return new CustomProblem();
		}

		Object object() {
			return "x";
		}

		ResponseEntity<Object> entity() {
			return ResponseEntity.ok().build();
		}

		ErrorResponse errorResponse() {
			return ErrorResponse.create(new IllegalStateException(), org.springframework.http.HttpStatus.CONFLICT,
					"conflict");
		}

		ApiResult apiResult() {
			return new CustomProblem();
		}

		java.util.Optional<ProblemDetail> optional() {
			return java.util.Optional.empty();
		}

		String string() {
			return "x";
		}

		Dto dto() {
			return new Dto();
		}

		byte[] bytes() {
			return new byte[0];
		}

	}

	interface ApiResult {

	}

	static class CustomProblem extends ProblemDetail implements ApiResult {

	}

	static class Dto {

	}

}
