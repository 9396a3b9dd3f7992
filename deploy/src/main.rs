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
    help        Print this help.

PLAN OPTIONS:
    --backend sandbox       The embedded sandbox (default): an in-process pallet-contracts
                            runtime; nothing needs to run. The deployment lives for the run.
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
        "bench" => bench(&artifacts_dir, args),
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
    let config_path = take_option(&mut args, "--config")?;
    let manifest_path = take_option(&mut args, "--manifest")?.map(PathBuf::from);
    no_more(&args)?;
    if backend != "sandbox" {
        return Err(format!(
            "unknown backend `{backend}`: the available backend is `sandbox`"
        ));
    }
    let artifacts = Artifacts::load(artifacts_dir).map_err(|e| e.to_string())?;
    let cast = deploy::demo::Cast::new();
    let config = match config_path {
        Some(path) => config::ConfigFile::read(std::path::Path::new(&path))?,
        None => config::builtin("sandbox", cast.founders()),
    };
    let mut sandbox = SandboxBackend::new();
    sandbox.mint(cast.deployer, 1_000_000 * UNIT);
    let mut client = Client::new(sandbox);
    let mut manifest = match &manifest_path {
        Some(path) if path.exists() => Deployment::read(path)?,
        _ => Deployment::default(),
    };
    println!(
        "Deploying to the embedded sandbox as {}",
        ss58(cast.deployer)
    );
    let mut save = |m: &Deployment| match &manifest_path {
        Some(path) => m.write(path),
        None => Ok(()),
    };
    let suite = plan::run(
        &mut client,
        cast.deployer,
        &artifacts,
        &config,
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
