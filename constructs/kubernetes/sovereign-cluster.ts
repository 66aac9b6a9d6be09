import { DataKubernetesServerVersion } from '@cdktf/provider-kubernetes/lib/data-kubernetes-server-version';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import {
  CLASSIFICATION_LEVELS,
  ConstructValidationError,
  decidePlacementText,
  extendProfile,
  isClassificationLevel,
  localizedSuggestion,
  resolveProfile,
  type ClassificationLevel,
  type JurisdictionProfile,
  type LocalizedText,
  type Site,
  type ValidationProblem,
  type ZonePrerequisite,
  isDnsLabel,
  isLabelValue,
  labelProblemTexts,
  MIN_KUBERNETES_VERSION,
} from '../core';
import { PREREQUISITE_KIND_ORDER } from './prerequisites';
import { DEFAULT_MAX_NODES, maxNodesProblems } from './workload-policy';

/** Where the cluster's DNS runs: the only destination every namespace may reach. */
export interface ClusterDns {
  /** The namespace of the DNS pods. */
  readonly namespace: string;
  /** Labels that select the DNS pods in that namespace. */
  readonly podLabels: Readonly<Record<string, string>>;
}

/** The cluster DNS of kubeadm, k3s, RKE2 and most distributions (CoreDNS keeps the `kube-dns` label). */
export const DEFAULT_CLUSTER_DNS: ClusterDns = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } };

/** Props of a {@link SovereignCluster}. */
export interface SovereignClusterProps {
  /** The jurisdiction profile (an object, or a built-in id such as `morocco`). */
  readonly profile: JurisdictionProfile | string;
  /**
   * Where the cluster's nodes run: the name of a site the profile declares, or a site. A site
   * the profile does not declare is added to the cluster's effective `profile` (write that
   * profile next to the artifacts so that `check` can prove placements on it).
   */
  readonly site: string | Site;
  /**
   * The kubeconfig context that reaches this cluster. Required, so that a plan never lands on
   * whatever context happens to be current.
   */
  readonly kubeconfigContext: string;
  /**
   * Path of the kubeconfig file, read by Terraform at plan time. Credentials stay in that file
   * (or its exec plugin): only the path and the context are written to the synthesized output.
   * @default '~/.kube/config'
   */
  readonly kubeconfigPath?: string;
  /**
   * The most restricted classification the cluster may host; the site must be allowed to host
   * it, and no namespace may exceed it.
   * @default 'sensitive'
   */
  readonly classificationCeiling?: ClassificationLevel;
  /**
   * Alias of the Kubernetes provider, needed when one Terraform stack reaches several clusters.
   * @default - none: the stack's default `kubernetes` provider (one cluster per stack)
   */
  readonly providerAlias?: string;
  /**
   * The cluster DNS every namespace may reach (and nothing else by default).
   * @default - namespace `kube-system`, pods labelled `k8s-app: kube-dns`, UDP and TCP 53
   */
  readonly clusterDns?: ClusterDns;
  /**
   * Check at plan time that the cluster runs Kubernetes ≥ 1.30 (a `kubernetes_server_version`
   * data source with a postcondition).
   * @default true
   */
  readonly checkServerVersion?: boolean;
  /**
   * The most nodes the cluster will have (1 to 5,000, Kubernetes' largest cluster). What runs
   * one pod per node (the {@link LogForwarder} DaemonSet) sizes its namespace's quota from it:
   * a node beyond it would get no pod.
   * @default 100
   */
  readonly maxNodes?: number;
}

function siteShapeProblems(site: Site): LocalizedText[] {
  const problems: LocalizedText[] = [];
  if (typeof site.name !== 'string' || !isDnsLabel(site.name)) {
    problems.push({
      en: `site name '${String(site.name)}' must be a DNS label (e.g. 'ma-casablanca-1')`,
      fr: `le nom de site '${String(site.name)}' doit être un label DNS (par exemple 'ma-casablanca-1')`,
    });
  }
  if (typeof site.country !== 'string' || !/^[A-Z]{2}$/.test(site.country)) {
    problems.push({
      en: `site country '${String(site.country)}' must be an ISO 3166-1 alpha-2 code such as 'MA'`,
      fr: `le pays du site '${String(site.country)}' doit être un code ISO 3166-1 alpha-2 tel que 'MA'`,
    });
  }
  if (!Array.isArray(site.regionValues) || site.regionValues.length === 0) {
    problems.push({
      en: 'site regionValues must list the topology.kubernetes.io/region values of its nodes',
      fr: 'regionValues du site doit lister les valeurs topology.kubernetes.io/region de ses nœuds',
    });
  }
  for (const v of [...(site.regionValues ?? []), ...(site.zoneValues ?? [])]) {
    if (typeof v !== 'string' || v === '' || !isLabelValue(v)) {
      problems.push({
        en: `site value '${String(v)}' is not a label value`,
        fr: `la valeur de site '${String(v)}' n'est pas une valeur de label`,
      });
    }
  }
  return problems;
}

function sameSite(a: Site, b: Site): boolean {
  return (
    JSON.stringify([a.country, a.regionValues, a.zoneValues]) ===
    JSON.stringify([b.country, b.regionValues, b.zoneValues])
  );
}

/** One line of printable text: no line break nor control character (it is written into shell commands). */
const PATH_LIKE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/;
/** Kubeconfig content, a PEM block, a JWT (service account token), or a Bearer token: never a path. */
const CREDENTIAL_LIKE = /apiVersion\s*:|-----BEGIN|^eyJ[\w-]+\.[\w-]+|^Bearer\s/i;

/**
 * An in-country Kubernetes cluster: a declared site (country, and the
 * `topology.kubernetes.io/region`/`zone` values its nodes carry) and the Terraform Kubernetes
 * provider that reaches it. The sovereign Kubernetes constructs are created under it and
 * inherit its profile; none may hold data above its classification ceiling.
 *
 * A site whose country may not host the ceiling is refused at construction (RES-1): under
 * `morocco`, `sensitive` data lives only on Moroccan territory (L05-20 Art. 11).
 *
 * Requires Kubernetes ≥ 1.30 (ValidatingAdmissionPolicy `admissionregistration.k8s.io/v1`),
 * checked at plan time unless `checkServerVersion` is false. Deploying needs Terraform or
 * OpenTofu and a reachable cluster; synthesis needs neither.
 *
 * @example
 * const cluster = new SovereignCluster(stack, 'Casablanca', {
 *   profile: moroccoWithSites,
 *   site: 'ma-casablanca-1',
 *   kubeconfigContext: 'casablanca-prod',
 * });
 */
export class SovereignCluster extends Construct {
  /** The nearest cluster at or above `scope`, if any. */
  public static of(scope: IConstruct): SovereignCluster | undefined {
    for (const node of [...scope.node.scopes].reverse()) if (node instanceof SovereignCluster) return node;
    return undefined;
  }

  /** The effective profile: the given one, plus the site if it did not declare it. */
  public readonly profile: JurisdictionProfile;
  /** The site the cluster's nodes run on. */
  public readonly site: Site;
  /** The most restricted classification the cluster may host. */
  public readonly classificationCeiling: ClassificationLevel;
  /** The Kubernetes provider every resource of the cluster uses. */
  public readonly provider: KubernetesProvider;
  /** The cluster DNS. */
  public readonly clusterDns: ClusterDns;
  /** The provider alias, if any. */
  public readonly providerAlias?: string;
  /** The most nodes the cluster will have. */
  public readonly maxNodes: number;
  /** The kubeconfig context that reaches the cluster. */
  public readonly kubeconfigContext: string;
  /** The kubeconfig file Terraform reads. */
  public readonly kubeconfigPath: string;

  private readonly registered = new Map<string, ZonePrerequisite>();

  constructor(scope: Construct, id: string, props: SovereignClusterProps) {
    super(scope, id);
    const problems: ValidationProblem[] = [];
    let profile: JurisdictionProfile | undefined;
    try {
      profile = resolveProfile(props.profile);
    } catch (e) {
      problems.push({ rule: 'PROPS', message: (e as Error).message });
    }
    const ceiling = props.classificationCeiling ?? 'sensitive';
    if (!isClassificationLevel(ceiling)) {
      const near = localizedSuggestion(String(ceiling), CLASSIFICATION_LEVELS);
      problems.push({
        rule: 'CLS-1',
        message: {
          en: `unknown classificationCeiling '${String(ceiling)}'${near.en}`,
          fr: `classificationCeiling inconnu '${String(ceiling)}'${near.fr}`,
        },
        remedy: {
          en: "Use 'public', 'internal', 'personal', 'sensitive' or 'secret'",
          fr: "Utilisez 'public', 'internal', 'personal', 'sensitive' ou 'secret'",
        },
      });
    }
    let site: Site | undefined;
    if (typeof props.site === 'string') {
      site = profile?.sites.find((s) => s.name === props.site);
      if (profile && !site) {
        const declared = profile.sites.map((s) => s.name).join(', ');
        problems.push({
          rule: 'PROPS',
          message: {
            en: `site '${props.site}' is not declared in profile '${profile.id}' (declared: ${declared || 'none'})`,
            fr: `le site '${props.site}' n'est pas déclaré dans le profil '${profile.id}' (déclarés : ${declared || 'aucun'})`,
          },
          remedy: {
            en: 'Declare it with extendProfile(profile, { sites: [...] }) or a profile file, or pass a Site object',
            fr: 'Déclarez-le avec extendProfile(profile, { sites: [...] }) ou dans un fichier de profil, ou passez un objet Site',
          },
        });
      }
    } else {
      const given = props.site;
      const shape = siteShapeProblems(given);
      for (const message of shape) problems.push({ rule: 'PROPS', message });
      const declared = profile?.sites.find((s) => s.name === given.name);
      const contradicts = declared !== undefined && !sameSite(declared, given);
      if (contradicts) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `site '${given.name}' differs from the site of that name declared in profile '${profile!.id}'`,
            fr: `le site '${given.name}' diffère du site de même nom déclaré dans le profil '${profile!.id}'`,
          },
          remedy: {
            en: "Pass the site's name to use the declared one, or give yours another name",
            fr: 'Passez le nom du site pour utiliser celui qui est déclaré, ou donnez un autre nom au vôtre',
          },
        });
      }
      if (!shape.length && !contradicts) site = given;
    }
    if (profile && site && !profile.sites.some((s) => s.name === site!.name)) {
      try {
        profile = extendProfile(profile, { sites: [site] }, `site '${site.name}'`);
      } catch (e) {
        problems.push({ rule: 'PROPS', message: (e as Error).message });
      }
    }
    const context = props.kubeconfigContext;
    if (typeof context !== 'string' || context.trim() === '' || !PATH_LIKE.test(context)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'kubeconfigContext must name the context of this cluster in the kubeconfig file',
          fr: 'kubeconfigContext doit nommer le contexte de ce cluster dans le fichier kubeconfig',
        },
      });
    }
    const path = props.kubeconfigPath ?? '~/.kube/config';
    if (typeof path !== 'string' || path.trim() === '' || !PATH_LIKE.test(path) || CREDENTIAL_LIKE.test(path)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'kubeconfigPath must be the path of a kubeconfig file, never its content or a credential',
          fr: "kubeconfigPath doit être le chemin d'un fichier kubeconfig, jamais son contenu ni un secret d'authentification",
        },
        remedy: {
          en: 'Keep credentials in the kubeconfig file (or its exec plugin); pass only its path',
          fr: "Conservez les secrets d'authentification dans le fichier kubeconfig (ou son plugin exec) ; passez seulement son chemin",
        },
      });
    }
    if (props.providerAlias !== undefined && !/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(props.providerAlias)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `providerAlias '${props.providerAlias}' is not a Terraform identifier`,
          fr: `providerAlias '${props.providerAlias}' n'est pas un identifiant Terraform`,
        },
      });
    }
    const dns = props.clusterDns ?? DEFAULT_CLUSTER_DNS;
    if (!isDnsLabel(dns.namespace)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `clusterDns.namespace '${dns.namespace}' is not a namespace name`,
          fr: `clusterDns.namespace '${dns.namespace}' n'est pas un nom d'espace de noms`,
        },
      });
    }
    if (Object.keys(dns.podLabels).length === 0) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'clusterDns.podLabels must select the DNS pods (e.g. k8s-app: kube-dns)',
          fr: 'clusterDns.podLabels doit sélectionner les pods DNS (par exemple k8s-app: kube-dns)',
        },
      });
    }
    for (const message of labelProblemTexts(dns.podLabels, 'clusterDns.podLabels'))
      problems.push({ rule: 'PROPS', message });
    const maxNodes = props.maxNodes ?? DEFAULT_MAX_NODES;
    problems.push(...maxNodesProblems(maxNodes));

    let stack: TerraformStack | undefined;
    try {
      stack = TerraformStack.of(this);
    } catch {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'a SovereignCluster must be created inside a cdktf TerraformStack',
          fr: "un SovereignCluster doit être créé à l'intérieur d'une TerraformStack cdktf",
        },
      });
    }
    if (stack) {
      const clash = stack.node
        .findAll()
        .find((c) => c instanceof SovereignCluster && c !== this && c.providerAlias === props.providerAlias);
      if (clash) {
        problems.push({
          rule: 'PROPS',
          message: props.providerAlias
            ? {
                en: `cluster '${clash.node.path}' in the same stack already uses the provider alias '${props.providerAlias}'`,
                fr: `le cluster '${clash.node.path}' de la même pile utilise déjà l'alias de fournisseur '${props.providerAlias}'`,
              }
            : {
                en: `cluster '${clash.node.path}' in the same stack already uses the default provider`,
                fr: `le cluster '${clash.node.path}' de la même pile utilise déjà le fournisseur par défaut`,
              },
          remedy: {
            en: 'Give each cluster of a stack its own providerAlias',
            fr: 'Donnez à chaque cluster de la pile son propre providerAlias',
          },
        });
      }
    }

    if (profile && site && isClassificationLevel(ceiling)) {
      const { decision, reason, remedy } = decidePlacementText(profile, ceiling, { kind: 'site', site });
      if (decision.status !== 'allowed') {
        problems.push({
          rule: 'RES-1',
          message: reason,
          source: decision.source,
          remedy: {
            en: `${remedy?.en ?? 'Use another site'}; or lower classificationCeiling to a level the site may host`,
            fr: `${remedy?.fr ?? 'Utiliser un autre site'} ; ou abaisser classificationCeiling à un niveau que le site peut héberger`,
          },
        });
      }
    }
    if (problems.length) throw new ConstructValidationError(this.node.path, problems);

    this.profile = profile!;
    this.site = site!;
    this.classificationCeiling = ceiling;
    this.clusterDns = dns;
    this.providerAlias = props.providerAlias;
    this.maxNodes = maxNodes;
    this.kubeconfigContext = context;
    this.kubeconfigPath = path;
    this.provider = new KubernetesProvider(this, 'Provider', {
      configPath: path,
      configContext: context,
      alias: props.providerAlias,
    });
    if (props.checkServerVersion ?? true) {
      const { major, minor } = MIN_KUBERNETES_VERSION;
      new DataKubernetesServerVersion(this, 'ServerVersion', {
        provider: this.provider,
        lifecycle: {
          postcondition: [
            {
              condition: `\${tonumber(self.major) > ${major} || (tonumber(self.major) == ${major} && tonumber(regex("^[0-9]+", self.minor)) >= ${minor})}`,
              errorMessage: `sovereign-lz needs Kubernetes >= ${major}.${minor} (ValidatingAdmissionPolicy v1) on the cluster of ${this.node.path} (site ${this.site.name})`,
            },
          ],
        },
      });
    }
  }

  /**
   * Registers what the site must have before the first `terraform apply` of the stack; the
   * constructs register what they need. A prerequisite whose id is already registered is kept
   * as first registered.
   */
  public addPrerequisite(prerequisite: ZonePrerequisite): void {
    if (!this.registered.has(prerequisite.id)) this.registered.set(prerequisite.id, prerequisite);
  }

  /**
   * What the site must have before the first `terraform apply`, in order: placeholders to
   * replace, then the cluster (version, network plugin, CSI driver, Velero), its CRDs, its
   * namespaces; within a kind, in the order the constructs registered them.
   */
  public get prerequisites(): readonly ZonePrerequisite[] {
    const rank = (p: ZonePrerequisite) => PREREQUISITE_KIND_ORDER.indexOf(p.kind);
    return [...this.registered.values()].sort((a, b) => rank(a) - rank(b));
  }
}
