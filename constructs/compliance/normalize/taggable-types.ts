// Generated from aws-cdk-lib 2.276.0 by test/compliance/taggable-types.test.ts
// (UPDATE_TAGGABLE_TYPES=1 npx jest test/compliance/taggable-types, then prettier). Do not edit.

/** Taggable CloudFormation types, by service: resource names separated by spaces. */
const TAGGABLE_BY_SERVICE: Readonly<Record<string, string>> = {
  'AWS::ACMPCA': 'CertificateAuthority',
  'AWS::AIOps': 'InvestigationGroup',
  'AWS::APS': 'AnomalyDetector RuleGroupsNamespace Scraper Workspace',
  'AWS::ARCRegionSwitch': 'Plan',
  'AWS::AWSExternalAnthropic': 'Workspace',
  'AWS::AccessAnalyzer': 'Analyzer',
  'AWS::AccountAccess': 'Application',
  'AWS::AgentRegistry': 'Registry RegistryRecord',
  'AWS::AmazonMQ': 'Broker Configuration',
  'AWS::Amplify': 'App Branch Webhook',
  'AWS::AmplifyUIBuilder': 'Component Form Theme',
  'AWS::ApiGateway':
    'ApiKey ClientCertificate DomainName DomainNameAccessAssociation DomainNameV2 RestApi Stage UsagePlan VpcLink',
  'AWS::ApiGatewayV2': 'Api DomainName PortalProduct Stage VpcLink',
  'AWS::AppConfig':
    'Application ConfigurationProfile Deployment DeploymentStrategy Environment ExperimentDefinition ExperimentRun Extension ExtensionAssociation',
  'AWS::AppFabric': 'AppAuthorization AppBundle Ingestion IngestionDestination',
  'AWS::AppFlow': 'Flow',
  'AWS::AppIntegrations': 'Application DataIntegration EventIntegration',
  'AWS::AppMesh': 'GatewayRoute Mesh Route VirtualGateway VirtualNode VirtualRouter VirtualService',
  'AWS::AppRunner': 'AutoScalingConfiguration ObservabilityConfiguration Service VpcConnector VpcIngressConnection',
  'AWS::AppStream': 'AppBlock AppBlockBuilder Application Fleet ImageBuilder Stack',
  'AWS::AppSync': 'Api ChannelNamespace DomainName GraphQLApi',
  'AWS::AppTest': 'TestCase',
  'AWS::ApplicationAutoScaling': 'ScalableTarget',
  'AWS::ApplicationInsights': 'Application',
  'AWS::ApplicationSignals': 'InstrumentationConfig ServiceLevelObjective',
  'AWS::Athena': 'CapacityReservation DataCatalog WorkGroup',
  'AWS::AuditManager': 'Assessment AssessmentFramework',
  'AWS::AutoScaling': 'AutoScalingGroup',
  'AWS::B2BI': 'Capability Partnership Profile Transformer',
  'AWS::BCM': 'Dashboard ScheduledReport',
  'AWS::BCMDataExports': 'Export',
  'AWS::Backup':
    'BackupAccessPoint BackupPlan BackupVault Framework LegalHold LogicallyAirGappedBackupVault ReportPlan RestoreTestingPlan TieringConfiguration',
  'AWS::BackupGateway': 'Hypervisor',
  'AWS::Batch':
    'ComputeEnvironment ConsumableResource JobDefinition JobQueue QuotaShare SchedulingPolicy ServiceEnvironment',
  'AWS::BcmPricingCalculator': 'BillEstimate BillScenario WorkloadEstimate',
  'AWS::Bedrock':
    'Agent AgentAlias ApplicationInferenceProfile AutomatedReasoningPolicy AutomatedReasoningPolicyVersion Blueprint DataAutomationLibrary DataAutomationProject Flow FlowAlias Guardrail IntelligentPromptRouter KnowledgeBase Prompt PromptVersion RetrievalInstruction Session',
  'AWS::BedrockAgentCore':
    'ApiKeyCredentialProvider BrowserCustom BrowserProfile CapacityProvider CodeInterpreterCustom ConfigurationBundle ConsentPortal Dataset Evaluator Gateway Harness HarnessEndpoint Memory OAuth2CredentialProvider OnlineEvaluationConfig PaymentCredentialProvider PaymentManager PolicyEngine Runtime RuntimeEndpoint WorkloadIdentity',
  'AWS::BedrockMantle': 'Project',
  'AWS::Billing': 'BillingView',
  'AWS::BillingConductor': 'BillingGroup CustomLineItem PricingPlan PricingRule',
  'AWS::Braket': 'SpendingLimit',
  'AWS::Budgets': 'Budget BudgetsAction',
  'AWS::CE': 'AnomalyMonitor AnomalySubscription CostCategory',
  'AWS::CUR': 'ReportDefinition',
  'AWS::Cases': 'Case CaseRule Domain Field Layout RelatedItem Template',
  'AWS::Cassandra': 'Keyspace Table',
  'AWS::CertificateManager': 'AcmeDomainValidation AcmeEndpoint AcmeExternalAccountBinding Certificate',
  'AWS::Chatbot': 'CustomAction MicrosoftTeamsChannelConfiguration SlackChannelConfiguration',
  'AWS::Chime':
    'AppInstance AppInstanceBot AppInstanceUser Channel ChannelFlow MediaInsightsPipelineConfiguration MediaPipelineKinesisVideoStreamPool SipMediaApplication VoiceConnector',
  'AWS::CleanRooms':
    'AnalysisTemplate Collaboration ConfiguredTable ConfiguredTableAssociation IdMappingTable IdNamespaceAssociation IntermediateTable Membership PrivacyBudgetTemplate',
  'AWS::CleanRoomsML': 'ConfiguredModelAlgorithm ConfiguredModelAlgorithmAssociation TrainingDataset',
  'AWS::Cloud9': 'EnvironmentEC2',
  'AWS::CloudFormation': 'ChangeSet Stack StackSet',
  'AWS::CloudFront':
    'AnycastIpList ConnectionFunction ConnectionGroup Distribution DistributionTenant Function KeyValueStore StreamingDistribution TrustStore VpcOrigin',
  'AWS::CloudHSM': 'Cluster',
  'AWS::CloudTrail': 'Channel Dashboard EventDataStore Trail',
  'AWS::CloudWatch':
    'AccessGrant AccessProfile Alarm AlarmMuteRule CompositeAlarm Dashboard Domain DomainAccessGrantForOrganization DomainForOrganization InsightRule Integration LogAlarm MetricStream OmniDashboard Space View',
  'AWS::CodeArtifact': 'Domain PackageGroup Repository',
  'AWS::CodeBuild': 'Fleet Project ReportGroup',
  'AWS::CodeCommit': 'Repository',
  'AWS::CodeConnections': 'Connection Host',
  'AWS::CodeDeploy': 'Application DeploymentGroup',
  'AWS::CodeGuruProfiler': 'ProfilingGroup',
  'AWS::CodeGuruReviewer': 'RepositoryAssociation',
  'AWS::CodePipeline': 'CustomActionType Pipeline Webhook',
  'AWS::CodeStarConnections': 'Connection RepositoryLink',
  'AWS::CodeStarNotifications': 'NotificationRule',
  'AWS::Cognito': 'IdentityPool UserPool UserPoolRegionalConfigurationAttachment UserPoolReplica',
  'AWS::Comprehend': 'DocumentClassifier DocumentClassifierEndpoint EntityRecognizer EntityRecognizerEndpoint Flywheel',
  'AWS::ComputeOptimizer': 'AutomationRule',
  'AWS::Config':
    'AggregationAuthorization ConfigurationAggregator ConformancePack Connector OrganizationConformancePack StoredQuery',
  'AWS::Connect':
    'AgentStatus ContactFlow ContactFlowModule DataTable EmailAddress EvaluationForm HoursOfOperation Instance IntegrationAssociation Metric Notification PhoneNumber Prompt Queue QuickConnect RoutingProfile Rule SecurityProfile TaskTemplate TestCase TrafficDistributionGroup UseCase User UserHierarchyGroup View Vocabulary Workspace',
  'AWS::ConnectCampaigns': 'Campaign',
  'AWS::ConnectCampaignsV2': 'Campaign',
  'AWS::ControlTower': 'EnabledBaseline EnabledControl LandingZone',
  'AWS::CustomerProfiles':
    'CalculatedAttributeDefinition Domain DomainObjectType EventStream EventTrigger Integration ObjectType Recommender RecommenderFilter RecommenderSchema SegmentDefinition',
  'AWS::DAX': 'Cluster',
  'AWS::DLM': 'LifecyclePolicy',
  'AWS::DMS':
    'DataMigration DataProvider Endpoint EventSubscription InstanceProfile MigrationProject ReplicationConfig ReplicationInstance ReplicationSubnetGroup ReplicationTask',
  'AWS::DRS': 'LaunchConfigurationTemplate RecoveryPlan ReplicationConfigurationTemplate SourceNetwork',
  'AWS::DSQL': 'Cluster',
  'AWS::DataBrew': 'Dataset Job Project Recipe Ruleset Schedule',
  'AWS::DataExchange': 'DataSet EventAction',
  'AWS::DataPipeline': 'Pipeline',
  'AWS::DataSync':
    'Agent LocationAzureBlob LocationEFS LocationFSxLustre LocationFSxONTAP LocationFSxOpenZFS LocationFSxWindows LocationHDFS LocationNFS LocationObjectStorage LocationS3 LocationSMB Task',
  'AWS::DataZone': 'Domain',
  'AWS::Deadline': 'Budget Farm Fleet LicenseEndpoint Monitor Queue Worker',
  'AWS::Detective': 'Graph',
  'AWS::DevOpsAgent': 'AgentSpace PrivateConnection Service',
  'AWS::DeviceFarm': 'DevicePool InstanceProfile NetworkProfile Project TestGridProject VPCEConfiguration',
  'AWS::DirectConnect':
    'Connection DirectConnectGateway Lag PrivateVirtualInterface PublicVirtualInterface ResiliencyGroup TransitVirtualInterface',
  'AWS::DirectoryService': 'SimpleAD',
  'AWS::DocDB': 'DBCluster DBClusterParameterGroup DBInstance DBSubnetGroup GlobalCluster',
  'AWS::DocDBElastic': 'Cluster ClusterSnapshot',
  'AWS::DynamoDB': 'Table',
  'AWS::EC2':
    'ApplicationStatusCheck CapacityManagerDataExport CarrierGateway CustomerGateway DHCPOptions EIP EgressOnlyInternetGateway FlowLog FpgaImage Host IPAM IPAMPool IPAMPrefixListResolver IPAMPrefixListResolverTarget IPAMResourceDiscovery IPAMResourceDiscoveryAssociation IPAMScope IPv4Pool Instance InstanceConnectEndpoint InstanceEventWindow InternetGateway IpamExternalResourceVerificationToken IpamInternetRegistryAssociation KeyPair LocalGatewayRouteTable LocalGatewayRouteTableVPCAssociation LocalGatewayRouteTableVirtualInterfaceGroupAssociation LocalGatewayVirtualInterface LocalGatewayVirtualInterfaceGroup NatGateway NetworkAcl NetworkInsightsAccessScope NetworkInsightsAccessScopeAnalysis NetworkInsightsAnalysis NetworkInsightsPath NetworkInterface PlacementGroup PrefixList RouteServer RouteServerEndpoint RouteServerPeer RouteTable SecondaryNetwork SecurityGroup Snapshot Subnet SubnetCidrReservation TrafficMirrorFilter TrafficMirrorFilterRule TrafficMirrorSession TrafficMirrorTarget TransitGateway TransitGatewayAttachment TransitGatewayConnect TransitGatewayConnectPeer TransitGatewayMeteringPolicy TransitGatewayMulticastDomain TransitGatewayPeeringAttachment TransitGatewayPolicyTable TransitGatewayRouteTable TransitGatewayVpcAttachment VPC VPCBlockPublicAccessExclusion VPCEncryptionControl VPCEndpoint VPCEndpointService VPCPeeringConnection VPNConcentrator VPNConnection VPNGateway VerifiedAccessEndpoint VerifiedAccessGroup VerifiedAccessInstance VerifiedAccessTrustProvider Volume',
  'AWS::ECR': 'PublicRepository Repository',
  'AWS::ECS':
    'CapacityProvider Cluster Daemon DaemonTaskDefinition ExpressGatewayService Gateway Service TaskDefinition TaskSet',
  'AWS::EFS': 'AccessPoint FileSystem',
  'AWS::EKS':
    'AccessEntry Addon Capability Cluster FargateProfile IdentityProviderConfig Nodegroup PodIdentityAssociation',
  'AWS::EMR': 'Cluster Studio WALWorkspace',
  'AWS::EMRContainers': 'Endpoint JobTemplate SecurityConfiguration VirtualCluster',
  'AWS::EMRServerless': 'Application',
  'AWS::EVS': 'Environment',
  'AWS::ElastiCache':
    'CacheCluster GlobalReplicationGroup ParameterGroup ReplicationGroup SecurityGroup ServerlessCache ServerlessCacheSnapshot Snapshot SubnetGroup User UserGroup',
  'AWS::ElasticBeanstalk': 'Environment',
  'AWS::ElasticLoadBalancing': 'LoadBalancer',
  'AWS::ElasticLoadBalancingV2': 'Listener ListenerRule LoadBalancer TargetGroup TrustStore',
  'AWS::Elasticsearch': 'Domain',
  'AWS::ElementalInference': 'Dictionary Feed',
  'AWS::EntityResolution': 'IdMappingWorkflow IdNamespace MatchingWorkflow SchemaMapping',
  'AWS::EventSchemas': 'Discoverer Registry Schema',
  'AWS::Events': 'EventBus Rule',
  'AWS::EventsV2': 'EventBus EventSource Subscriber',
  'AWS::Evidently': 'Experiment Feature Launch Project Segment',
  'AWS::FIS': 'ExperimentTemplate',
  'AWS::FMS': 'ApplicationsList Policy ProtocolsList ResourceSet',
  'AWS::FSx': 'Backup DataRepositoryAssociation FileCache FileSystem Snapshot StorageVirtualMachine Volume',
  'AWS::FinSpace': 'Environment',
  'AWS::Forecast': 'DatasetGroup',
  'AWS::FraudDetector': 'Detector EntityType EventType Label List Outcome Variable',
  'AWS::GameLift':
    'Alias Build ContainerFleet ContainerGroupDefinition Fleet GameServerGroup GameSessionQueue Location MatchmakingConfiguration MatchmakingRuleSet Script',
  'AWS::GameLiftStreams': 'Application StreamGroup',
  'AWS::GlobalAccelerator': 'Accelerator CrossAccountAttachment',
  'AWS::Glue':
    'Blueprint Catalog Connection ConnectionType Crawler DataQualityRuleset DevEndpoint Integration IntegrationResourceProperty Job MLTransform Registry Schema Session Trigger UsageProfile Workflow',
  'AWS::Grafana': 'Workspace',
  'AWS::Greengrass':
    'ConnectorDefinition CoreDefinition DeviceDefinition FunctionDefinition Group LoggerDefinition ResourceDefinition SubscriptionDefinition',
  'AWS::GreengrassV2': 'ComponentVersion Deployment',
  'AWS::GroundStation': 'Config DataflowEndpointGroup DataflowEndpointGroupV2 MissionProfile',
  'AWS::GuardDuty':
    'CustomDetectionRuleAssociation Detector Filter IPSet MalwareProtectionPlan PublishingDestination ThreatEntitySet ThreatIntelSet TrustedEntitySet',
  'AWS::HealthAgent': 'Domain',
  'AWS::HealthImaging': 'Datastore',
  'AWS::HealthLake': 'DataTransformationProfile FHIRDatastore',
  'AWS::IAM': 'OIDCProvider Role SAMLProvider ServerCertificate User VirtualMFADevice',
  'AWS::IVS':
    'AdConfiguration Channel EncoderConfiguration IngestConfiguration PlaybackKeyPair PlaybackRestrictionPolicy PublicKey RecordingConfiguration Stage StorageConfiguration StreamKey',
  'AWS::IVSChat': 'LoggingConfiguration Room',
  'AWS::ImageBuilder':
    'Component ContainerRecipe DistributionConfiguration Image ImagePipeline ImageRecipe InfrastructureConfiguration LifecyclePolicy Workflow',
  'AWS::InspectorV2': 'CisScanConfiguration CodeSecurityIntegration CodeSecurityScanConfiguration Connector Filter',
  'AWS::Interconnect': 'Connection',
  'AWS::InternetMonitor': 'Monitor',
  'AWS::Invoicing': 'InvoiceUnit ProcurementPortalPreference',
  'AWS::IoT':
    'Authorizer BillingGroup CACertificate CertificateProvider Command CustomMetric Dimension DomainConfiguration FleetMetric Job JobTemplate MitigationAction OTAUpdate Policy ProvisioningTemplate RoleAlias ScheduledAudit SecurityProfile SoftwarePackage SoftwarePackageVersion Stream ThingGroup ThingType TopicRule',
  'AWS::IoTAnalytics': 'Channel Dataset Datastore Pipeline',
  'AWS::IoTCoreDeviceAdvisor': 'SuiteDefinition',
  'AWS::IoTEvents': 'AlarmModel DetectorModel Input',
  'AWS::IoTFleetHub': 'Application',
  'AWS::IoTFleetWise': 'Campaign DecoderManifest Fleet ModelManifest SignalCatalog StateTemplate Vehicle',
  'AWS::IoTSecureTunneling': 'Tunnel',
  'AWS::IoTSiteWise':
    'Application Asset AssetModel ComputationModel Dashboard Dataset Gateway Pipeline Portal Project Task Workspace',
  'AWS::IoTTwinMaker': 'ComponentType Entity Scene SyncJob Workspace',
  'AWS::IoTWireless':
    'Destination DeviceProfile FuotaTask MulticastGroup NetworkAnalyzerConfiguration PartnerAccount ServiceProfile TaskDefinition WirelessDevice WirelessDeviceImportTask WirelessGateway',
  'AWS::KMS': 'Key ReplicaKey',
  'AWS::KafkaConnect': 'Connector CustomPlugin WorkerConfiguration',
  'AWS::Kendra': 'DataSource Faq FeaturedResultsSet Index QuerySuggestionsBlockList Thesaurus',
  'AWS::KendraRanking': 'ExecutionPlan',
  'AWS::Kinesis': 'Channel Stream StreamConsumer',
  'AWS::KinesisAnalyticsV2': 'Application',
  'AWS::KinesisFirehose': 'DeliveryStream',
  'AWS::KinesisVideo': 'SignalingChannel Stream',
  'AWS::Lambda':
    'CapacityProvider CodeSigningConfig EventSourceMapping Function MicrovmImage NetworkConnector WebFunction',
  'AWS::LaunchWizard': 'Deployment',
  'AWS::Lex': 'Bot BotAlias',
  'AWS::LicenseManager': 'Grant License LicenseAssetGroup LicenseAssetRuleSet LicenseConfiguration ReportGenerator',
  'AWS::LicenseManagerLinuxSubscriptions': 'SubscriptionProvider',
  'AWS::LicenseManagerUserSubscriptions': 'LicenseServerEndpoint',
  'AWS::Lightsail':
    'Bucket Certificate Container Database DatabaseSnapshot Disk DiskSnapshot Distribution Domain Instance InstanceSnapshot KeyPair LoadBalancer',
  'AWS::Location': 'APIKey GeofenceCollection Map PlaceIndex RouteCalculator Tracker',
  'AWS::Logs': 'Delivery DeliveryDestination DeliverySource Destination LogGroup ScheduledQuery',
  'AWS::LookoutEquipment': 'InferenceScheduler',
  'AWS::M2': 'Application Environment',
  'AWS::MGN':
    'Application Connector LaunchConfigurationTemplate NetworkMigrationDefinition ReplicationConfigurationTemplate Wave',
  'AWS::MPA': 'ApprovalTeam IdentitySource',
  'AWS::MSK': 'Channel Cluster Replicator ServerlessCluster VpcConnection',
  'AWS::MWAA': 'Environment',
  'AWS::MWAAServerless': 'Workflow',
  'AWS::Macie': 'AllowList CustomDataIdentifier FindingsFilter Member',
  'AWS::ManagedBlockchain': 'Accessor',
  'AWS::MediaConnect':
    'DestinationEndpoint Flow FlowEntitlement FlowMediaStream FlowOutput FlowSource FlowVpcInterface RouterInput RouterNetworkInterface RouterOutput SourceEndpoint',
  'AWS::MediaConvert': 'JobTemplate Preset Queue',
  'AWS::MediaLive':
    'Channel ChannelPlacementGroup CloudWatchAlarmTemplate CloudWatchAlarmTemplateGroup Cluster EventBridgeRuleTemplate EventBridgeRuleTemplateGroup Input InputSecurityGroup Multiplex Network Node SdiSource SignalMap',
  'AWS::MediaPackage': 'Asset Channel OriginEndpoint PackagingConfiguration PackagingGroup',
  'AWS::MediaPackageV2': 'Channel ChannelGroup OriginEndpoint',
  'AWS::MediaStore': 'Container',
  'AWS::MediaTailor': 'Channel Function LiveSource PlaybackConfiguration PrefetchSchedule SourceLocation VodSource',
  'AWS::MemoryDB': 'ACL Cluster MultiRegionCluster ParameterGroup Snapshot SubnetGroup User',
  'AWS::Neptune':
    'DBCluster DBClusterParameterGroup DBInstance DBParameterGroup DBSubnetGroup EventSubscription GlobalCluster',
  'AWS::NeptuneGraph': 'Graph GraphSnapshot',
  'AWS::NetworkFirewall':
    'ContainerAssociation Firewall FirewallPolicy RuleGroup TLSInspectionConfiguration VpcEndpointAssociation',
  'AWS::NetworkFlowMonitor': 'Monitor Scope',
  'AWS::NetworkManager':
    'ConnectAttachment ConnectPeer Connection CoreNetwork Device DirectConnectGatewayAttachment GlobalNetwork Link Site SiteToSiteVpnAttachment TransitGatewayPeering TransitGatewayRouteTableAttachment VpcAttachment',
  'AWS::NetworkMonitor': 'Monitor Probe',
  'AWS::NetworkSecurityManager': 'Deployment Policy Rule Scope Template',
  'AWS::NimbleStudio': 'LaunchProfile StreamingImage Studio StudioComponent',
  'AWS::Notifications': 'NotificationConfiguration',
  'AWS::NotificationsContacts': 'EmailContact',
  'AWS::ODB': 'CloudAutonomousVmCluster CloudExadataInfrastructure CloudVmCluster OdbNetwork OdbPeeringConnection',
  'AWS::OSIS': 'Pipeline',
  'AWS::Oam': 'Link Sink',
  'AWS::ObservabilityAdmin':
    'DatasetIntegration OrganizationCentralizationRule OrganizationTelemetryRule S3TableIntegration TelemetryPipelines TelemetryRule',
  'AWS::Omics':
    'AnnotationStore Configuration ReferenceStore RunCache RunGroup SequenceStore VariantStore Workflow WorkflowVersion',
  'AWS::OpenSearchServerless': 'Collection CollectionGroup',
  'AWS::OpenSearchService': 'Application Domain',
  'AWS::OpsWorks': 'Layer Stack',
  'AWS::OpsWorksCM': 'Server',
  'AWS::Organizations': 'Account OrganizationalUnit Policy ResourcePolicy',
  'AWS::Outposts': 'Outpost Site',
  'AWS::PCAConnectorAD': 'Connector DirectoryRegistration Template',
  'AWS::PCAConnectorSCEP': 'Challenge Connector',
  'AWS::PCS': 'Cluster ComputeNodeGroup Queue',
  'AWS::PI': 'PerfReports',
  'AWS::Panorama': 'ApplicationInstance Package',
  'AWS::PaymentCryptography': 'Key',
  'AWS::Personalize': 'Campaign Dataset DatasetGroup EventTracker Filter Recommender Schema Solution',
  'AWS::Pinpoint': 'App Campaign EmailTemplate InAppTemplate PushTemplate Segment SmsTemplate',
  'AWS::PinpointEmail': 'ConfigurationSet DedicatedIpPool Identity',
  'AWS::Pipes': 'Pipe',
  'AWS::Proton': 'EnvironmentAccountConnection EnvironmentTemplate ServiceTemplate',
  'AWS::QBusiness': 'Application DataAccessor DataSource Index Plugin Retriever WebExperience',
  'AWS::QLDB': 'Ledger Stream',
  'AWS::QuickSight':
    'ActionConnector Agent Analysis Brand CustomPermissions Customization DLPSetting Dashboard DataSet DataSource Folder KnowledgeBase OAuthClientApplication Space Template Theme Topic TopicV2 VPCConnection',
  'AWS::RAM': 'Permission ResourceShare',
  'AWS::RDS':
    'ClusterSnapshot CustomDBEngineVersion DBCluster DBClusterEndpoint DBClusterParameterGroup DBInstance DBParameterGroup DBProxy DBProxyEndpoint DBProxyTargetGroup DBSecurityGroup DBShardGroup DBSnapshot DBSubnetGroup Deployment EventSubscription GlobalCluster Integration OptionGroup',
  'AWS::RTBFabric': 'InboundExternalLink Link LinkRoutingRule OutboundExternalLink RequesterGateway ResponderGateway',
  'AWS::RUM': 'AppMonitor',
  'AWS::Rbin': 'Rule',
  'AWS::Redshift':
    'Cluster ClusterParameterGroup ClusterSecurityGroup ClusterSubnetGroup EventSubscription Integration QEV2IdcApplication RedshiftIdcApplication Snapshot SnapshotCopyGrant SnapshotSchedule UsageLimit',
  'AWS::RedshiftServerless': 'Namespace Snapshot Workgroup',
  'AWS::RefactorSpaces': 'Application Environment Route Service',
  'AWS::Rekognition': 'Collection Dataset Project StreamProcessor',
  'AWS::ResilienceHub': 'App ResiliencyPolicy',
  'AWS::ResilienceHubV2': 'Policy Service System',
  'AWS::ResourceExplorer2': 'Index View',
  'AWS::ResourceGroups': 'Group',
  'AWS::RoboMaker': 'Fleet Robot RobotApplication SimulationApplication',
  'AWS::RolesAnywhere': 'CRL Profile TrustAnchor',
  'AWS::Route53': 'HealthCheck HostedZone',
  'AWS::Route53GlobalResolver': 'AccessSource AccessToken DnsView FirewallDomainList GlobalResolver',
  'AWS::Route53Profiles': 'Profile ProfileAssociation',
  'AWS::Route53RecoveryControl': 'Cluster ControlPanel SafetyRule',
  'AWS::Route53RecoveryReadiness': 'Cell ReadinessCheck RecoveryGroup ResourceSet',
  'AWS::Route53Resolver':
    'FirewallDomainList FirewallRuleGroup FirewallRuleGroupAssociation OutpostResolver ResolverEndpoint ResolverQueryLoggingConfig ResolverRule',
  'AWS::S3': 'AccessGrant AccessGrantsInstance AccessGrantsLocation AccessPoint Bucket StorageLens StorageLensGroup',
  'AWS::S3Express': 'AccessPoint DirectoryBucket',
  'AWS::S3Files': 'AccessPoint FileSystem',
  'AWS::S3Outposts': 'Bucket',
  'AWS::S3Tables': 'Table TableBucket',
  'AWS::S3Vectors': 'Index VectorBucket',
  'AWS::SCN': 'DataIntegrationFlow Dataset Instance Namespace',
  'AWS::SES':
    'ConfigurationSet ContactList CustomVerificationEmailTemplate DedicatedIpPool EmailIdentity MailManagerAddonInstance MailManagerAddonSubscription MailManagerAddressList MailManagerArchive MailManagerIngressPoint MailManagerRelay MailManagerRuleSet MailManagerTrafficPolicy MultiRegionEndpoint Template Tenant',
  'AWS::SMSVOICE':
    'ConfigurationSet NotifyConfiguration OptOutList PhoneNumber Pool ProtectConfiguration RcsAgent Registration RegistrationAttachment SenderId VerifiedDestinationNumber',
  'AWS::SNS': 'Topic',
  'AWS::SQS': 'Queue',
  'AWS::SSM': 'Association CloudConnector Document MaintenanceWindow OpsItem Parameter PatchBaseline',
  'AWS::SSMContacts': 'Contact Rotation',
  'AWS::SSMIncidents': 'ReplicationSet ResponsePlan',
  'AWS::SSMQuickSetup': 'ConfigurationManager LifecycleAutomation',
  'AWS::SSO': 'Application Instance PermissionSet',
  'AWS::SageMaker':
    'AIWorkloadConfig Action Algorithm App AppImageConfig Artifact Cluster ClusterSchedulerConfig CodeRepository ComputeQuota Context DataQualityJobDefinition Device DeviceFleet Domain Endpoint EndpointConfig Experiment ExperimentTrialComponent FeatureGroup Hub HumanTaskUi Image InferenceComponent InferenceExperiment MlflowApp MlflowTrackingServer Model ModelBiasJobDefinition ModelCard ModelExplainabilityJobDefinition ModelPackage ModelPackageGroup ModelQualityJobDefinition MonitoringSchedule NotebookInstance NotebookInstanceLifecycleConfig PartnerApp Pipeline ProcessingJob Project Space StudioLifecycleConfig TrialComponent UserProfile Workforce Workteam',
  'AWS::Scheduler': 'ScheduleGroup',
  'AWS::SecretsManager': 'Secret',
  'AWS::SecurityAgent': 'AgentSpace Application Integration PrivateConnection SecurityRequirementPack TargetDomain',
  'AWS::SecurityHub':
    'AggregatorV2 AutomationRule AutomationRuleV2 ConfigurationPolicy Connector ConnectorV2 Hub HubV2',
  'AWS::SecurityLake': 'DataLake Subscriber',
  'AWS::Serverless': 'Api Application Function HttpApi SimpleTable StateMachine',
  'AWS::ServiceCatalog': 'CloudFormationProduct CloudFormationProvisionedProduct Portfolio',
  'AWS::ServiceCatalogAppRegistry': 'Application AttributeGroup',
  'AWS::ServiceDiscovery': 'HttpNamespace PrivateDnsNamespace PublicDnsNamespace Service',
  'AWS::Shield': 'Protection ProtectionGroup',
  'AWS::Signer': 'SigningProfile',
  'AWS::StepFunctions': 'Activity StateMachine',
  'AWS::StorageGateway': 'NFSFileShare SMBFileShare Tape TapePool Volume',
  'AWS::SupportAuthZ': 'SupportPermit',
  'AWS::Synthetics': 'Canary Group',
  'AWS::SystemsManagerSAP': 'Application',
  'AWS::Textract': 'Adapter',
  'AWS::Timestream': 'Database InfluxDBBackup InfluxDBCluster InfluxDBInstance ScheduledQuery Table',
  'AWS::Transcribe': 'CallAnalyticsCategory MedicalVocabulary Vocabulary VocabularyFilter',
  'AWS::Transfer': 'Agreement Certificate Connector HostKey Profile Server User WebApp Workflow',
  'AWS::Translate': 'ParallelData Terminology',
  'AWS::VerifiedPermissions': 'PolicyStore',
  'AWS::VoiceID': 'Domain',
  'AWS::VpcLattice':
    'AccessLogSubscription DomainVerification Listener ResourceConfiguration ResourceGateway Rule Service ServiceNetwork ServiceNetworkResourceAssociation ServiceNetworkServiceAssociation ServiceNetworkVpcAssociation TargetGroup',
  'AWS::WAFv2': 'IPSet RegexPatternSet RuleGroup WebACL',
  'AWS::WellArchitected': 'AgentProfile Lens Profile ReviewTemplate Workload',
  'AWS::Wisdom':
    'AIAgent AIGuardrail AIPrompt Assistant AssistantAssociation Content ContentAssociation KnowledgeBase MessageTemplate QuickResponse',
  'AWS::WorkSpaces': 'ConnectionAlias Directory Workspace WorkspaceIpGroup WorkspacesPool',
  'AWS::WorkSpacesThinClient': 'Environment',
  'AWS::WorkSpacesWeb':
    'BrowserSettings DataProtectionSettings IdentityProvider IpAccessSettings NetworkSettings Portal SessionLogger TrustStore UserAccessLoggingSettings UserSettings',
  'AWS::WorkspacesInstances': 'WorkspaceInstance',
  'AWS::XRay': 'Group SamplingRule',
};

/** Types whose tags are not in `Tags`. */
const TAG_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Backup::BackupPlan': 'BackupPlanTags',
  'AWS::Backup::BackupVault': 'BackupVaultTags',
  'AWS::Backup::Framework': 'FrameworkTags',
  'AWS::Backup::LogicallyAirGappedBackupVault': 'BackupVaultTags',
  'AWS::Backup::ReportPlan': 'ReportPlanTags',
  'AWS::Backup::TieringConfiguration': 'TieringConfigurationTags',
  'AWS::Budgets::Budget': 'ResourceTags',
  'AWS::Budgets::BudgetsAction': 'ResourceTags',
  'AWS::CE::AnomalyMonitor': 'ResourceTags',
  'AWS::CE::AnomalySubscription': 'ResourceTags',
  'AWS::Cognito::IdentityPool': 'IdentityPoolTags',
  'AWS::Cognito::UserPool': 'UserPoolTags',
  'AWS::Cognito::UserPoolRegionalConfigurationAttachment': 'UserPoolTags',
  'AWS::Cognito::UserPoolReplica': 'UserPoolTagsAtCreate',
  'AWS::DataPipeline::Pipeline': 'PipelineTags',
  'AWS::EFS::AccessPoint': 'AccessPointTags',
  'AWS::EFS::FileSystem': 'FileSystemTags',
  'AWS::Invoicing::InvoiceUnit': 'ResourceTags',
  'AWS::Lex::Bot': 'BotTags',
  'AWS::Lex::BotAlias': 'BotAliasTags',
  'AWS::Route53::HealthCheck': 'HealthCheckTags',
  'AWS::Route53::HostedZone': 'HostedZoneTags',
};

const TAGGABLE = new Set(
  Object.entries(TAGGABLE_BY_SERVICE).flatMap(([service, names]) => names.split(' ').map((n) => `${service}::${n}`)),
);

/** True if CloudFormation can tag resources of this type. */
export function isTaggableType(type: string): boolean {
  return TAGGABLE.has(type);
}

/** The property that holds a type's tags (`Tags` for most). */
export function tagPropertyOf(type: string): string {
  return TAG_PROPERTIES[type] ?? 'Tags';
}

/** Every taggable type, sorted (for tests). */
export function taggableTypes(): string[] {
  return [...TAGGABLE].sort();
}
