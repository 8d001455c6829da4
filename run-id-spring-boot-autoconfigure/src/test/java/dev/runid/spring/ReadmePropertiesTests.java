package dev.runid.spring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of the generated configuration metadata appears in the README's property
 * table, and the table names no key that does not exist, so the two cannot drift apart;
 * every key carries a description and a default for the IDE.
 */
class ReadmePropertiesTests {

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(run-id\\.[^\"]+)\"");

	private static final Pattern TABLE_KEY = Pattern.compile("^\\|\\s*`(run-id\\.[a-z0-9.-]+)`\\s*\\|",
			Pattern.MULTILINE);

	@Test
	void readmePropertyTableMatchesConfigurationMetadata() throws Exception {
		String metadata = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
		int properties = metadata.indexOf("\"properties\"");
		int hints = metadata.indexOf("\"hints\"");
		String propertiesSection = metadata.substring(properties, (hints > properties) ? hints : metadata.length());
		List<String> keys = new ArrayList<>();
		Matcher names = NAME.matcher(propertiesSection);
		while (names.find()) {
			keys.add(names.group(1));
		}
		assertThat(keys).isNotEmpty().contains("run-id.enabled", "run-id.header-name");
		String readme = Files.readString(Path.of("../README.md"));
		List<String> documented = new ArrayList<>();
		Matcher rows = TABLE_KEY.matcher(readme);
		while (rows.find()) {
			documented.add(rows.group(1));
		}
		assertThat(documented).as("keys in the README's property table").containsAll(keys);
		assertThat(keys).as("keys in the configuration metadata").containsAll(documented);
	}

	@Test
	void everyKeyHasADescriptionAndADefault() throws Exception {
		String metadata = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
		List<Map<String, Object>> properties = JsonPath.read(metadata, "$.properties[*]");
		assertThat(properties).isNotEmpty().allSatisfy((property) -> {
			assertThat(property).as("%s", property.get("name")).containsKeys("description", "defaultValue");
			assertThat(property.get("description").toString()).as("%s", property.get("name")).isNotBlank();
		});
	}

}
