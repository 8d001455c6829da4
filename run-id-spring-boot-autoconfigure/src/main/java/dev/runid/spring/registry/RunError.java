package dev.runid.spring.registry;

/**
 * Why a segment failed.
 *
 * @param type the fully qualified class name of the exception
 * @param message the exception's message: at most {@value #MAX_MESSAGE_LENGTH}
 * characters, control characters escaped; empty when the exception had none
 */
public record RunError(String type, String message) {

	/**
	 * The longest message kept, in characters.
	 */
	public static final int MAX_MESSAGE_LENGTH = 1000;

}
