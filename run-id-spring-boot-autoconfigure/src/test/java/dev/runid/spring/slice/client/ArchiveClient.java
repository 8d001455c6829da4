package dev.runid.spring.slice.client;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * A client on {@code RestTemplate}.
 */
@Component
class ArchiveClient {

	private final RestTemplate template;

	ArchiveClient(RestTemplateBuilder builder) {
		this.template = builder.rootUri("http://archive.example.com").build();
	}

	String archive() {
		return this.template.getForObject("/archive", String.class);
	}

}
