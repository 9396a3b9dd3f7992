//! `deploy`: run the Personal Tokens deployment plan, the demo, or the benchmarks.

use deploy::artifacts::{default_dir, Artifacts};
use deploy::client::Client;
use deploy::config::{self, UNIT};
use deploy::manifest::{ss58, Deployment};
use deploy::plan::{self, PrintProgress};
use deploy::sandbox::SandboxBackend;
use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
deploy: the Personal Tokens deployment plan

USAGE:
    deploy [--artifacts DIR] <COMMAND> [OPTIONS]

COMMANDS:
    demo        Tell the seed story on the embedded sandbox, checking every expectation
                (exits non-zero if one fails). This is `make demo`.
    plan        Run the deployment plan. This is `make deploy`.
    bench       Measure code sizes, gas per message and payout cost at 10/100/1,000 holders on
                the sandbox; print the table and write bench/RESULTS.md. This is `make bench`
                (it builds the bench-only contracts under bench/contracts first).
    docs        Regenerate docs/messages.md (every message, its callers, errors and events)
                from the contracts' metadata. This is `make docs`.
    seed        Seed the demo cast for the browser app on a deployed suite (Bob's $BOB, an
                offering sold to Dave and settled, a liquidation Dave can claim from, a second
                offering left open): `seed --backend node --dev --url URL --manifest FILE`.
                Steps already done are skipped; a second run sends nothing.
    help        Print this help.

PLAN OPTIONS:
    --backend sandbox       The embedded sandbox (default): an in-process pallet-contracts
                            runtime; nothing needs to run. The deployment lives for the run.
    --backend node          A live node over WebSocket (build with `--features node`):
                            every step is dry-run, its estimated gas and storage deposit
                            reported, then submitted as a signed extrinsic.
    --url URL               The node (default ws://127.0.0.1:9944).
    --suri-file FILE        The deployer's secret URI (mnemonic, seed or dev path) in a file;
                            or set PT_SURI. Never put a secret on the command line.
    --dev                   Sign with //Alice: only accepted for a local node.
    --network NAME          Network name (default: sandbox / local): the manifest is
                            deploy/deployments/NAME.json, the configuration
                            deploy/config/NAME.json if it exists.
    --config FILE           Plan configuration (JSON: network, genesis members, parameters);
                            default: the built-in one with the dev accounts as founders.
    --manifest FILE         Where the deployment record is written (JSON); an existing one is
                            resumed: steps the chain already shows done are skipped.

GLOBAL OPTIONS:
    --artifacts DIR         Where the built contracts are (default: target/ink, or
                            $CARGO_TARGET_DIR/ink). Build them with `make build`.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Takes the value of `--name VALUE` out of `args`.
fn take_option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(index) => {
            if index + 1 >= args.len() {
                return Err(format!("{name} needs a value"));
            }
            let value = args.remove(index + 1);
            args.remove(index);
            Ok(Some(value))
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut args = args.to_vec();
    let artifacts_dir = take_option(&mut args, "--artifacts")?
        .map(PathBuf::from)
        .unwrap_or_else(default_dir);
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{HELP}");
        return Ok(ExitCode::SUCCESS);
    }
    let command = args.remove(0);
    match command.as_str() {
        "help" => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        "demo" => demo(&artifacts_dir, args),
        "plan" => plan_command(&artifacts_dir, args),
        "seed" => seed_command(args),
        "bench" => bench(&artifacts_dir, args),
        "docs" => {
            no_more(&args)?;
            let text = deploy::docs::render(&artifacts_dir)?;
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/messages.md");
            std::fs::create_dir_all(path.parent().unwrap_or(std::path::Path::new(".")))
                .map_err(|e| e.to_string())?;
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote docs/messages.md");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`; see `deploy --help`")),
    }
}

fn no_more(args: &[String]) -> Result<(), String> {
    match args.first() {
        None => Ok(()),
        Some(extra) => Err(format!(
            "unexpected argument `{extra}`; see `deploy --help`"
        )),
    }
}

fn demo(artifacts_dir: &std::path::Path, args: Vec<String>) -> Result<ExitCode, String> {
    no_more(&args)?;
    let artifacts = Artifacts::load(artifacts_dir).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout();
    let report = deploy::demo::run(&artifacts, &mut out).map_err(|e| e.to_string())?;
    let failures = report.failures();
    if failures.is_empty() {
        println!("The story holds: every expectation was met.");
        Ok(ExitCode::SUCCESS)
    } else {
        for failure in failures {
            eprintln!("FAILED: {failure}");
        }
        Ok(ExitCode::FAILURE)
    }
}

fn bench(artifacts_dir: &std::path::Path, args: Vec<String>) -> Result<ExitCode, String> {
    no_more(&args)?;
    let artifacts = Artifacts::load(artifacts_dir).map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let report = deploy::bench::run(&artifacts, artifacts_dir).map_err(|e| e.to_string())?;
    let text = deploy::bench::markdown(&report);
    print!("{text}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/RESULTS.md");
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "\nwritten to bench/RESULTS.md ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn plan_command(
    artifacts_dir: &std::path::Path,
    mut args: Vec<String>,
) -> Result<ExitCode, String> {
    let backend = take_option(&mut args, "--backend")?.unwrap_or_else(|| "sandbox".into());
    let config_path = take_option(&mut args, "--config")?.map(PathBuf::from);
    let manifest_path = take_option(&mut args, "--manifest")?.map(PathBuf::from);
    let network = take_option(&mut args, "--network")?;
    let url = take_option(&mut args, "--url")?;
    let suri_file = take_option(&mut args, "--suri-file")?;
    let dev_key = take_flag(&mut args, "--dev");
    no_more(&args)?;
    let artifacts = Artifacts::load(artifacts_dir).map_err(|e| e.to_string())?;
    let cast = deploy::demo::Cast::new();
    match backend.as_str() {
        "sandbox" => {
            let network = network.unwrap_or_else(|| "sandbox".into());
            let config = match config_path {
                Some(path) => config::ConfigFile::read(&path)?,
                None => config::builtin(&network, cast.founders()),
            };
            let mut sandbox = SandboxBackend::new();
            sandbox.mint(cast.deployer, 1_000_000 * UNIT);
            let mut client = Client::new(sandbox);
            println!(
                "Deploying to the embedded sandbox as {}",
                ss58(cast.deployer)
            );
            run_plan(
                &mut client,
                cast.deployer,
                &artifacts,
                &config,
                manifest_path,
            )
        }
        "node" => node_plan(
            &mut client_args(url, suri_file, dev_key, network, config_path, manifest_path)?,
            &artifacts,
        ),
        other => Err(format!(
            "unknown backend `{other}`: use `sandbox` or `node`"
        )),
    }
}

fn take_flag(args: &mut Vec<String>, name: &str) -> bool {
    match args.iter().position(|a| a == name) {
        Some(index) => {
            args.remove(index);
            true
        }
        None => false,
    }
}

/// Options of a live-node deployment.
#[cfg_attr(not(feature = "node"), allow(dead_code))]
struct NodeArgs {
    url: String,
    suri: Option<String>,
    dev_key: bool,
    network: String,
    config_path: Option<PathBuf>,
    manifest_path: PathBuf,
}

fn client_args(
    url: Option<String>,
    suri_file: Option<String>,
    dev_key: bool,
    network: Option<String>,
    config_path: Option<PathBuf>,
    manifest_path: Option<PathBuf>,
) -> Result<NodeArgs, String> {
    let url = url.unwrap_or_else(|| "ws://127.0.0.1:9944".into());
    let network = network.unwrap_or_else(|| "local".into());
    let suri = match suri_file {
        Some(path) => Some(
            std::fs::read_to_string(&path)
                .map_err(|e| format!("--suri-file {path}: {e}"))?
                .trim()
                .to_owned(),
        ),
        None => std::env::var("PT_SURI").ok(),
    };
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config_path = config_path.or_else(|| {
        let default = repo.join("config").join(format!("{network}.json"));
        default.exists().then_some(default)
    });
    let manifest_path =
        manifest_path.unwrap_or_else(|| repo.join("deployments").join(format!("{network}.json")));
    Ok(NodeArgs {
        url,
        suri,
        dev_key,
        network,
        config_path,
        manifest_path,
    })
}

#[cfg(not(feature = "node"))]
fn node_plan(_: &mut NodeArgs, _: &Artifacts) -> Result<ExitCode, String> {
    Err(
        "this build has no live-node backend: run it with `cargo run -p deploy --features node` \
         (`make deploy-node` does)"
            .into(),
    )
}

#[cfg(feature = "node")]
fn node_plan(args: &mut NodeArgs, artifacts: &Artifacts) -> Result<ExitCode, String> {
    use deploy::node::{Key, NodeBackend};
    let key = match (&args.suri, args.dev_key) {
        (Some(suri), _) => Key::from_suri(suri)?,
        (None, true) => {
            let local = args.url.contains("127.0.0.1") || args.url.contains("localhost");
            if !local {
                return Err(
                    "--dev signs with //Alice: only for a local dev node; give a key \
                            with --suri-file or PT_SURI"
                        .into(),
                );
            }
            Key::from_suri("//Alice")?
        }
        (None, false) => {
            return Err(
                "no signing key: give --suri-file FILE or set PT_SURI (never a secret \
                        on the command line), or --dev for a local dev node"
                    .into(),
            )
        }
    };
    let deployer = key.account;
    println!("Connecting to {} ...", args.url);
    let mut backend = NodeBackend::connect(&args.url, vec![key]).map_err(|e| e.to_string())?;
    let balance =
        deploy::backend::Backend::balance(&mut backend, deployer).map_err(|e| e.to_string())?;
    println!(
        "Deploying to {} as {} (free balance {})",
        args.url,
        ss58(deployer),
        deploy::demo::units(balance)
    );
    if balance == 0 {
        return Err(format!(
            "the deployer {} has no funds on this chain: fund it and run again",
            ss58(deployer)
        ));
    }
    let config = match &args.config_path {
        Some(path) => {
            println!("Configuration {}", path.display());
            config::ConfigFile::read(path)?
        }
        None => config::builtin(&args.network, deploy::demo::Cast::new().founders()),
    };
    let mut client = Client::new(backend);
    let mut manifest = if args.manifest_path.exists() {
        println!("Resuming from {}", args.manifest_path.display());
        Deployment::read(&args.manifest_path)?
    } else {
        Deployment::default()
    };
    manifest.url = Some(args.url.clone());
    if manifest.first_block.is_none() && manifest.code_hashes == Default::default() {
        // A fresh deployment: its first extrinsic lands in a later block than the best one now.
        manifest.first_block = client
            .backend
            .block_number()
            .ok()
            .map(|b| b.saturating_add(1));
    }
    let abort_after: Option<usize> = std::env::var("PT_DEPLOY_ABORT_AFTER_STEP")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut saved_steps = 0usize;
    let path = args.manifest_path.clone();
    let mut save = |m: &Deployment| {
        let mut record = m.clone();
        record.url = Some(args.url.clone());
        record.write(&path)?;
        saved_steps += 1;
        if abort_after == Some(saved_steps) {
            eprintln!(
                "PT_DEPLOY_ABORT_AFTER_STEP={saved_steps}: stopping abruptly, as a kill would"
            );
            std::process::abort();
        }
        Ok(())
    };
    let suite = plan::run(
        &mut client,
        deployer,
        artifacts,
        &config,
        &mut manifest,
        &mut PrintProgress,
        &mut save,
    )
    .map_err(|e| e.to_string())?;
    let block = client.backend.block_number().ok();
    manifest.block = block;
    manifest.url = Some(args.url.clone());
    manifest.write(&args.manifest_path)?;
    println!("\nDeployment complete: no personal key keeps admin power.");
    println!("  governance  {}", ss58(suite.governance));
    println!("  registry    {}", ss58(suite.registry));
    println!("  manifest    {}", args.manifest_path.display());
    Ok(ExitCode::SUCCESS)
}

fn run_plan<B: deploy::backend::Backend>(
    client: &mut Client<B>,
    deployer: interfaces::AccountId,
    artifacts: &Artifacts,
    config: &deploy::plan::PlanConfig,
    manifest_path: Option<PathBuf>,
) -> Result<ExitCode, String> {
    let mut manifest = match &manifest_path {
        Some(path) if path.exists() => Deployment::read(path)?,
        _ => Deployment::default(),
    };
    let mut save = |m: &Deployment| match &manifest_path {
        Some(path) => m.write(path),
        None => Ok(()),
    };
    let suite = plan::run(
        client,
        deployer,
        artifacts,
        config,
        &mut manifest,
        &mut PrintProgress,
        &mut save,
    )
    .map_err(|e| e.to_string())?;
    println!("\nDeployment complete: no personal key keeps admin power.");
    println!("  governance  {}", ss58(suite.governance));
    println!("  registry    {}", ss58(suite.registry));
    if let Some(path) = manifest_path {
        println!("  manifest    {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `deploy seed`: the demo cast for the app, on the suite a complete manifest records.
fn seed_command(mut args: Vec<String>) -> Result<ExitCode, String> {
    let backend = take_option(&mut args, "--backend")?.unwrap_or_else(|| "node".into());
    let manifest_path = take_option(&mut args, "--manifest")?.map(PathBuf::from);
    let network = take_option(&mut args, "--network")?;
    let url = take_option(&mut args, "--url")?;
    let dev_key = take_flag(&mut args, "--dev");
    no_more(&args)?;
    if backend != "node" {
        return Err(format!(
            "seed runs on a live node (`--backend node`), not `{backend}`: on the sandbox, \
             `deploy demo` tells the whole story"
        ));
    }
    let args = client_args(url, None, dev_key, network, None, manifest_path)?;
    if !args.manifest_path.exists() {
        return Err(format!(
            "no deployment manifest at {}: run the plan first (`deploy plan --backend node --dev \
             --url {} --manifest {}`)",
            args.manifest_path.display(),
            args.url,
            args.manifest_path.display()
        ));
    }
    let manifest = Deployment::read(&args.manifest_path)?;
    let registry = match (&manifest.registry, manifest.handed_over) {
        (Some(registry), true) => deploy::manifest::parse_account(registry)?,
        _ => {
            return Err(format!(
                "the deployment in {} is not complete (no registry, or not handed over): run the \
                 plan again to finish it",
                args.manifest_path.display()
            ))
        }
    };
    if let Some(recorded) = &manifest.url {
        if recorded != &args.url {
            return Err(format!(
                "the manifest {} records a deployment on {recorded}, not {}",
                args.manifest_path.display(),
                args.url
            ));
        }
    }
    seed_node(&args, registry)
}

#[cfg(not(feature = "node"))]
fn seed_node(_: &NodeArgs, _: interfaces::AccountId) -> Result<ExitCode, String> {
    Err(
        "this build has no live-node backend: run it with `cargo run -p deploy --features node`"
            .into(),
    )
}

#[cfg(feature = "node")]
fn seed_node(args: &NodeArgs, registry: interfaces::AccountId) -> Result<ExitCode, String> {
    use deploy::node::{Key, NodeBackend};
    let local = args.url.contains("127.0.0.1") || args.url.contains("localhost");
    if !args.dev_key || !local {
        return Err(
            "seed signs as the dev accounts (//Alice .. //Ferdie): give --dev, and only for a \
             local dev node"
                .into(),
        );
    }
    println!("Connecting to {} ...", args.url);
    let mut backend =
        NodeBackend::connect(&args.url, Key::dev_keys()).map_err(|e| e.to_string())?;
    let now = backend.now().map_err(|e| e.to_string())?;
    let mut client = Client::new(backend);
    println!("Seeding the demo cast on registry {}", ss58(registry));
    let mut out = std::io::stdout();
    let seeded =
        deploy::seed::run(&mut client, registry, now, &mut out).map_err(|e| e.to_string())?;
    if seeded.steps_sent == 0 {
        println!("Already seeded: nothing to do.");
    } else {
        println!("Seeded ({} extrinsics).", seeded.steps_sent);
    }
    println!("  $BOB        {}", ss58(seeded.token));
    println!("  splitter    {}", ss58(seeded.splitter));
    println!("  open offering #{}", seeded.open_offering);
    Ok(ExitCode::SUCCESS)
}
