//! Finding and loading `jixiao.toml` (the nearest one walking up from a checked file wins), and
//! `jixiao config`: which file applies and the effective settings, or the JSON Schema.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Outcome, files, print};
use crate::check::rules::below_threshold;
use crate::config::{self, FILE_NAME, Level, Selector, Settings};
use crate::diagnostic::{Code, Diagnostic, RULES};
use crate::report::human;
use crate::source::{SourceFile, Span};

/// A config file read and validated.
#[derive(Debug)]
pub struct Loaded {
    /// `None` when no file applies and the defaults are used.
    pub path: Option<PathBuf>,
    pub settings: Settings,
    pub selector: Option<Selector>,
}

impl Loaded {
    fn defaults() -> Self {
        Loaded {
            path: None,
            settings: Settings::default(),
            selector: None,
        }
    }

    /// Whether a folder walk checks this file: the `[files]` globs, relative to the config's folder.
    pub fn selects(&self, file: &Path) -> bool {
        let (Some(path), Some(selector)) = (&self.path, &self.selector) else {
            return true;
        };
        let base = path.parent().unwrap_or(Path::new(""));
        let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        file.strip_prefix(base)
            .map_or(true, |relative| selector.selects(relative))
    }
}

/// How configs are chosen for a run.
#[derive(Clone, Debug)]
pub enum Source {
    /// The nearest `jixiao.toml` above each file.
    Nearest,
    /// One file for everything (`--config`).
    File(PathBuf),
    /// Defaults only (`--no-config`).
    Defaults,
}

/// Loads each config once, however many files it governs.
pub struct Resolver {
    source: Source,
    by_dir: HashMap<PathBuf, Arc<Loaded>>,
    by_file: HashMap<PathBuf, Arc<Loaded>>,
}

impl Resolver {
    pub fn new(source: Source) -> Self {
        Resolver {
            source,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
        }
    }

    /// The config governing a spec file; a broken config is a failure with its findings rendered.
    pub fn for_spec(&mut self, spec: &Path) -> Result<Arc<Loaded>, String> {
        let path = match &self.source {
            Source::Defaults => return Ok(Arc::new(Loaded::defaults())),
            Source::File(path) => Some(path.clone()),
            Source::Nearest => {
                let file = std::path::absolute(spec).unwrap_or_else(|_| spec.to_path_buf());
                let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
                if let Some(found) = self.by_dir.get(&dir) {
                    return Ok(found.clone());
                }
                let found = files::find_upwards(&dir, FILE_NAME);
                let loaded = self.load(found)?;
                self.by_dir.insert(dir, loaded.clone());
                return Ok(loaded);
            }
        };
        self.load(path)
    }

    fn load(&mut self, path: Option<PathBuf>) -> Result<Arc<Loaded>, String> {
        let Some(path) = path else {
            return Ok(Arc::new(Loaded::defaults()));
        };
        if let Some(loaded) = self.by_file.get(&path) {
            return Ok(loaded.clone());
        }
        let loaded = Arc::new(load(&path)?);
        self.by_file.insert(path, loaded.clone());
        Ok(loaded)
    }
}

/// Reads and validates one config file.
pub fn load(path: &Path) -> Result<Loaded, String> {
    validate(path).map_err(|broken| {
        let style = human::Style {
            color: false,
            width: 100,
        };
        format!(
            "配置文件有误，未执行检查\n{}",
            human::render_file(&broken.source, &broken.problems, style)
        )
    })
}

/// A config file that cannot be applied, with its problems (spans into `source`).
pub struct Broken {
    pub source: SourceFile,
    pub problems: Vec<Diagnostic>,
}

/// Reads and validates one config file; an unreadable file is one problem at its start.
pub fn validate(path: &Path) -> Result<Loaded, Broken> {
    let text = match files::read_limited(path, config::MAX_CONFIG_BYTES) {
        Ok(text) => text,
        Err(error) => {
            let detail = error.replace(&path.display().to_string(), &files::shown(path));
            return Err(Broken {
                source: SourceFile::new(files::shown(path), String::new()),
                problems: vec![
                    Diagnostic::new(Code::ConfigError, Span::new(0, 0)).arg("detail", detail),
                ],
            });
        }
    };
    let (settings, mut problems) = config::parse(&text);
    for (value, detail) in below_threshold::config_problems(&settings) {
        let at = text.find(value).unwrap_or(0);
        problems.push(
            Diagnostic::new(Code::ConfigError, Span::new(at, at + value.len()))
                .arg("detail", detail),
        );
    }
    if !problems.is_empty() {
        let source = SourceFile::new(files::shown(path), text);
        return Err(Broken { source, problems });
    }
    let selector = settings.files.selector();
    Ok(Loaded {
        path: Some(path.to_path_buf()),
        settings,
        selector,
    })
}

/// `jixiao config --show [PATH]` and `jixiao config --schema`.
pub fn run(path: Option<&Path>, schema: bool, source: Source) -> Outcome {
    if schema {
        print(&config::json_schema());
        return Outcome::Clean;
    }
    let start = path.unwrap_or(Path::new("."));
    let probe = if start.is_dir() {
        start.join("_.jx")
    } else {
        start.to_path_buf()
    };
    let loaded = match Resolver::new(source).for_spec(&probe) {
        Ok(loaded) => loaded,
        Err(message) => return Outcome::Failure(message),
    };
    let mut out = match &loaded.path {
        Some(path) => format!("# 生效的配置文件：{}\n", files::shown(path)),
        None => format!("# 没有找到 {FILE_NAME}，使用默认设置\n"),
    };
    out.push_str("# 以下为生效的设置（[rules] 列出每条规则的级别）\n\n");
    out.push_str(&effective(&loaded.settings).to_toml());
    print(&out);
    Outcome::Clean
}

/// The settings with every rule's level spelled out.
fn effective(settings: &Settings) -> Settings {
    let mut shown = settings.clone();
    shown.rules = RULES
        .iter()
        .map(|rule| {
            let level = settings.level(rule.code).unwrap_or(match rule.severity {
                crate::diagnostic::Severity::Error => Level::Error,
                crate::diagnostic::Severity::Warning => Level::Warning,
            });
            (rule.name.to_owned(), level)
        })
        .collect();
    shown
}
