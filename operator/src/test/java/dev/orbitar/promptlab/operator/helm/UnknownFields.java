package dev.orbitar.promptlab.operator.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields that the Fabric8 model did not recognise. The model parses a misspelt field such as
 * {@code readinesProbe} without error and keeps it in {@code additionalProperties}, but Kubernetes would
 * reject or drop it. This walk reports each such field with its path.
 */
final class UnknownFields {

  private UnknownFields() {
  }

  static List<String> of(Object object) {
    List<String> found = new ArrayList<>();
    walk(object, object.getClass().getSimpleName(), found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value instanceof Collection<?> items) {
      int index = 0;
      for (Object item : items) {
        walk(item, path + "[" + index++ + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> entries) {
      entries.forEach((key, item) -> walk(item, path + "." + key, found));
      return;
    }
    if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }

    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object property = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (property instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
          found.add(path + ": " + unknown.keySet());
        }
      } else {
        walk(property, path + "." + propertyName(getter), found);
      }
    }
  }

  private static boolean isGetter(Method method) {
    return method.getName().startsWith("get") && method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class;
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter + " of " + target.getClass().getName(), e);
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
