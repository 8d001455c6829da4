package dev.runid.spring.scope;

import java.lang.reflect.Proxy;
import java.util.function.Predicate;

import javax.lang.model.element.Modifier;

import dev.runid.spring.RunScoped;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;
import org.springframework.javapoet.ClassName;
import org.springframework.javapoet.CodeBlock;

/**
 * Ahead-of-time processing of the {@link RunScoped} proxies that {@link RunScope} put in
 * place of Spring's: the generated registration has the type of the run-scoped bean, so
 * that singletons find the proxy by type in AOT mode and in native images, and creates
 * the {@link RunScopedProxyFactoryBean} without reflection; the proxy's class is made at
 * build time (class-based) or registered as a JDK proxy hint (interface-based).
 * Registered in {@code META-INF/spring/aot.factories}; used at build time only.
 */
final class RunScopedProxyBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		if (!RunScopedProxyFactoryBean.class.equals(registeredBean.getBeanClass())) {
			return null;
		}
		ConfigurableListableBeanFactory beanFactory = registeredBean.getBeanFactory();
		MutablePropertyValues properties = registeredBean.getMergedBeanDefinition().getPropertyValues();
		Object target = properties.get("targetBeanName");
		if (!(target instanceof String targetBeanName) || !beanFactory.containsBeanDefinition(targetBeanName)) {
			throw new IllegalStateException(
					"Run-scoped proxy '" + registeredBean.getBeanName() + "' has no target bean definition: " + target);
		}
		RunScopedProxyFactoryBean factoryBean = new RunScopedProxyFactoryBean();
		factoryBean.setTargetBeanName(targetBeanName);
		Object proxyTargetClass = properties.get("proxyTargetClass");
		if (proxyTargetClass != null) {
			factoryBean.setProxyTargetClass(Boolean.parseBoolean(String.valueOf(proxyTargetClass)));
		}
		// a class-based proxy's class, made now, is saved with the generated code; an
		// interface-based one needs a proxy hint in a native image
		Class<?> proxyClass = factoryBean.proxyFactory(beanFactory).getProxyClass(beanFactory.getBeanClassLoader());
		BeanDefinition targetDefinition = beanFactory.getMergedBeanDefinition(targetBeanName);
		return new BeanRegistrationAotContribution() {

			@Override
			public BeanRegistrationCodeFragments customizeBeanRegistrationCodeFragments(
					GenerationContext generationContext, BeanRegistrationCodeFragments codeFragments) {
				return new ProxyCodeFragments(codeFragments, registeredBean, targetBeanName, targetDefinition);
			}

			@Override
			public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
				if (Proxy.isProxyClass(proxyClass)) {
					generationContext.getRuntimeHints().proxies().registerJdkProxy(proxyClass.getInterfaces());
				}
			}

		};
	}

	/**
	 * Registers the proxy with the target bean's type, in the target's package (which may
	 * be package-private), and creates the factory bean in generated code.
	 */
	private static final class ProxyCodeFragments extends BeanRegistrationCodeFragmentsDecorator {

		private final RegisteredBean registeredBean;

		private final String targetBeanName;

		private final ResolvableType targetType;

		ProxyCodeFragments(BeanRegistrationCodeFragments delegate, RegisteredBean registeredBean, String targetBeanName,
				BeanDefinition targetDefinition) {
			super(delegate);
			this.registeredBean = registeredBean;
			this.targetBeanName = targetBeanName;
			this.targetType = targetDefinition.getResolvableType();
		}

		@Override
		public ClassName getTarget(RegisteredBean registeredBean) {
			return ClassName.get(this.targetType.toClass());
		}

		@Override
		public CodeBlock generateNewBeanDefinitionCode(GenerationContext generationContext, ResolvableType beanType,
				BeanRegistrationCode beanRegistrationCode) {
			return super.generateNewBeanDefinitionCode(generationContext, this.targetType, beanRegistrationCode);
		}

		@Override
		public CodeBlock generateSetBeanDefinitionPropertiesCode(GenerationContext generationContext,
				BeanRegistrationCode beanRegistrationCode, RootBeanDefinition beanDefinition,
				Predicate<String> attributeFilter) {
			RootBeanDefinition proxyDefinition = new RootBeanDefinition(beanDefinition);
			proxyDefinition.setTargetType(this.targetType);
			// set by the generated instance supplier instead, without reflection
			proxyDefinition.getPropertyValues().removePropertyValue("targetBeanName");
			return super.generateSetBeanDefinitionPropertiesCode(generationContext, beanRegistrationCode,
					proxyDefinition, attributeFilter);
		}

		@Override
		public CodeBlock generateInstanceSupplierCode(GenerationContext generationContext,
				BeanRegistrationCode beanRegistrationCode, boolean allowDirectSupplierShortcut) {
			GeneratedMethod method = beanRegistrationCode.getMethods().add("getRunScopedProxyInstance", (builder) -> {
				builder.addJavadoc("Create the run-scoped proxy of '$L'.", this.registeredBean.getBeanName());
				builder.addModifiers(Modifier.PRIVATE, Modifier.STATIC);
				builder.returns(RunScopedProxyFactoryBean.class);
				builder.addParameter(RegisteredBean.class, "registeredBean");
				builder.addStatement("$T factory = new $T()", RunScopedProxyFactoryBean.class,
						RunScopedProxyFactoryBean.class);
				builder.addStatement("factory.setTargetBeanName($S)", this.targetBeanName);
				builder.addStatement("return factory");
			});
			return CodeBlock.of("$T.of($L)", InstanceSupplier.class, method.toMethodReference().toCodeBlock());
		}

	}

}
