package dev.orbitar.promptlab.operator.helm;

import static dev.orbitar.promptlab.operator.helm.OperatorChart.FULLNAME;
import static dev.orbitar.promptlab.operator.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC, rule by rule: exactly what the operator uses, with no wildcard and no access to Secrets, in
 * every combination of watched namespaces, Knative and leader election.
 */
class ChartRbacTest {

  /** What the operator does in each namespace it watches. */
  private static final List<String> SCHEDULE_RULES = List.of(
      "promptlab.orbitar.dev/promptlabschedules: get,list,watch",
      "promptlab.orbitar.dev/promptlabschedules/status: get,patch,update",
      "batch/cronjobs: get,list,watch,create,update,delete",
      "batch/jobs: get,list,watch",
      "/pods: get,list",
      "/events: create,get,update");

  private static final List<String> KNATIVE_RULES = List.of(
      "serving.knative.dev/services: get,list,watch,create,update,delete",
      "sources.knative.dev/pingsources: get,list,watch,create,update,delete");

  /** The resources the operator deletes when a schedule's target or suspend flag no longer wants them. */
  private static final List<String> DELETABLE = List.of("cronjobs", "services", "pingsources");

  private static final List<String> LEASE_RULES = List.of(
      "coordination.k8s.io/leases: create",
      "coordination.k8s.io/leases[" + FULLNAME + "]: get,update,patch");

  private static final String WATCHED = """
      watchNamespaces: [prompt-lab, staging]
      """;
  private static final String KNATIVE = """
      knative:
        enabled: true
      """;
  private static final String SINGLE_REPLICA = """
      replicaCount: 1
      leaderElection:
        enabled: false
      """;

  @Test
  void defaultsGrantClusterRole() {
    RenderedChart chart = OperatorChart.withDefaults().render();

    assertThat(rules(chart.get(ClusterRole.class, null, FULLNAME).getRules())).containsExactlyElementsOf(SCHEDULE_RULES);
    assertThat(chart.all(ClusterRole.class)).hasSize(1);
    assertThat(chart.all(Role.class)).extracting(RenderedChart::describe)
        .containsExactly("Role " + NAMESPACE + "/" + FULLNAME + "-leader-election");
  }

  @Test
  void defaultsBindClusterRole() {
    ClusterRoleBinding binding = OperatorChart.withDefaults().render().get(ClusterRoleBinding.class, null, FULLNAME);

    assertThat(binding.getRoleRef()).isEqualTo(roleRef("ClusterRole", FULLNAME));
    assertThat(binding.getSubjects()).containsExactly(serviceAccount());
  }

  @Test
  void leaseRoleInReleaseNamespace() {
    RenderedChart chart = OperatorChart.withDefaults().render();
    String name = FULLNAME + "-leader-election";

    assertThat(rules(chart.get(Role.class, NAMESPACE, name).getRules())).containsExactlyElementsOf(LEASE_RULES);
    assertThat(chart.get(RoleBinding.class, NAMESPACE, name).getRoleRef()).isEqualTo(roleRef("Role", name));
    assertThat(chart.get(RoleBinding.class, NAMESPACE, name).getSubjects()).containsExactly(serviceAccount());
  }

  @Test
  void leaseRoleFollowsLeaseName() {
    RenderedChart chart = OperatorChart.withValues("""
        leaderElection:
          leaseName: lab-lock
        """).render();

    assertThat(rules(chart.get(Role.class, NAMESPACE, FULLNAME + "-leader-election").getRules()))
        .containsExactly("coordination.k8s.io/leases: create", "coordination.k8s.io/leases[lab-lock]: get,update,patch");
  }

  @Test
  void watchedNamespacesGetRoles() {
    RenderedChart chart = OperatorChart.withValues(WATCHED).render();

    for (String namespace : List.of("prompt-lab", "staging")) {
      assertThat(rules(chart.get(Role.class, namespace, FULLNAME).getRules())).as(namespace)
          .containsExactlyElementsOf(SCHEDULE_RULES);
      assertThat(chart.get(RoleBinding.class, namespace, FULLNAME).getRoleRef()).as(namespace)
          .isEqualTo(roleRef("Role", FULLNAME));
      assertThat(chart.get(RoleBinding.class, namespace, FULLNAME).getSubjects()).as(namespace)
          .containsExactly(serviceAccount());
    }
  }

  @Test
  void watchedNamespacesNoClusterAccess() {
    RenderedChart chart = OperatorChart.withValues(WATCHED).render();

    assertThat(chart.all(ClusterRole.class)).isEmpty();
    assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(chart.all(Role.class)).extracting(RenderedChart::describe).containsExactlyInAnyOrder(
        "Role " + NAMESPACE + "/" + FULLNAME + "-leader-election",
        "Role prompt-lab/" + FULLNAME,
        "Role staging/" + FULLNAME);
  }

  @Test
  void knativeAddsRules() {
    RenderedChart chart = OperatorChart.withValues(KNATIVE).render();

    assertThat(rules(chart.get(ClusterRole.class, null, FULLNAME).getRules()))
        .containsExactlyElementsOf(concat(SCHEDULE_RULES, KNATIVE_RULES));
    assertThat(chart.all(ClusterRole.class)).hasSize(1);
    assertThat(chart.all(ClusterRoleBinding.class)).hasSize(1);
  }

  @Test
  void knativeWithWatchedNamespaces() {
    RenderedChart chart = OperatorChart.withValues(WATCHED + KNATIVE).render();

    assertThat(rules(chart.get(Role.class, "staging", FULLNAME).getRules()))
        .containsExactlyElementsOf(concat(SCHEDULE_RULES, KNATIVE_RULES));
    assertThat(chart.all(ClusterRole.class)).isEmpty();
    assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
  }

  @Test
  void knativeOffGrantsNoKnative() {
    RenderedChart chart = OperatorChart.withDefaults().render();

    assertThat(allRules(chart)).noneMatch(rule -> rule.contains("knative"));
  }

  @Test
  void noCrdAccessAnyCase() {
    for (String values : everyCase()) {
      assertThat(allRules(OperatorChart.withValues(values).render())).as("values %s", values)
          .noneMatch(rule -> rule.contains("customresourcedefinitions"));
    }
  }

  @Test
  void singleReplicaNoLeaseRole() {
    RenderedChart chart = OperatorChart.withValues(SINGLE_REPLICA).render();

    assertThat(chart.all(Role.class)).isEmpty();
    assertThat(chart.all(RoleBinding.class)).isEmpty();
    assertThat(allRules(chart)).noneMatch(rule -> rule.contains("leases"));
  }

  @Test
  void rbacCreateOffRendersNone() {
    RenderedChart chart = OperatorChart.withValues("""
        rbac:
          create: false
        knative:
          enabled: true
        """).render();

    assertThat(chart.objects()).noneMatch(object -> object.getApiVersion().startsWith("rbac.authorization.k8s.io/"));
  }

  @Test
  void existingServiceAccountIsBound() {
    RenderedChart chart = OperatorChart.withValues("""
        serviceAccount:
          create: false
          name: platform-operator
        """).render();

    assertThat(chart.all(ServiceAccount.class)).isEmpty();
    assertThat(chart.get(ClusterRoleBinding.class, null, FULLNAME).getSubjects()).extracting(Subject::getName)
        .containsExactly("platform-operator");
  }

  @Test
  void noWildcardAnyCase() {
    for (String values : everyCase()) {
      for (PolicyRule rule : policyRules(OperatorChart.withValues(values).render())) {
        List<String> fields = Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs(),
            rule.getResourceNames(), rule.getNonResourceURLs()).flatMap(List::stream).toList();
        assertThat(fields).as("rule %s with values %s", rule, values).noneMatch(field -> field.contains("*"));
      }
    }
  }

  @Test
  void noSecretsAnyCase() {
    for (String values : everyCase()) {
      for (PolicyRule rule : policyRules(OperatorChart.withValues(values).render())) {
        assertThat(rule.getResources()).as("rule %s with values %s", rule, values).doesNotContain("secrets");
      }
    }
  }

  @Test
  void noEscalationVerbs() {
    for (String values : everyCase()) {
      for (PolicyRule rule : policyRules(OperatorChart.withValues(values).render())) {
        assertThat(rule.getVerbs()).as("rule %s with values %s", rule, values)
            .doesNotContain("deletecollection", "escalate", "bind", "impersonate");
      }
    }
  }

  @Test
  void deleteOnlyOwnedResources() {
    for (String values : everyCase()) {
      for (PolicyRule rule : policyRules(OperatorChart.withValues(values).render())) {
        if (rule.getVerbs().contains("delete")) {
          assertThat(DELETABLE).as("rule %s with values %s", rule, values).containsAll(rule.getResources());
        }
      }
    }
  }

  private static List<String> everyCase() {
    return List.of("{}", WATCHED, KNATIVE, WATCHED + KNATIVE, SINGLE_REPLICA);
  }

  private static RoleRef roleRef(String kind, String name) {
    return new RoleRef("rbac.authorization.k8s.io", kind, name);
  }

  private static Subject serviceAccount() {
    return new Subject(null, "ServiceAccount", FULLNAME, NAMESPACE);
  }

  private static List<PolicyRule> policyRules(RenderedChart chart) {
    List<PolicyRule> rules = new ArrayList<>();
    chart.all(ClusterRole.class).forEach(role -> rules.addAll(role.getRules()));
    chart.all(Role.class).forEach(role -> rules.addAll(role.getRules()));
    return rules;
  }

  private static List<String> allRules(RenderedChart chart) {
    return rules(policyRules(chart));
  }

  /** Writes each rule as group/resource[names]: verbs, in the chart's order, so a failure shows the whole list. */
  private static List<String> rules(List<PolicyRule> rules) {
    return rules.stream().flatMap(rule -> rule.getApiGroups().stream().flatMap(group ->
        rule.getResources().stream().map(resource -> group + "/" + resource
            + (rule.getResourceNames().isEmpty() ? "" : "[" + String.join(",", rule.getResourceNames()) + "]")
            + ": " + String.join(",", rule.getVerbs()))))
        .toList();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}
