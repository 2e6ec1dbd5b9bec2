//! What the app asks of the world outside the terminal's cells: a browser for a web address,
//! and the clipboard through the terminal (OSC 52).

use std::io::{self, Write};
use std::process::{Command, Stdio};

use crate::app::Effect;

/// Does `effect`.
///
/// # Errors
/// The browser could not be started, or the terminal not written.
pub fn perform(effect: &Effect) -> io::Result<()> {
    match effect {
        Effect::OpenUrl(url) => open_in_browser(url, std::env::var("BROWSER").ok().as_deref()),
        Effect::CopyToClipboard(text) => {
            let mut out = io::stdout();
            out.write_all(osc52(text).as_bytes())?;
            out.flush()
        }
    }
}

/// The command that opens `url`: `$BROWSER` (its first entry, `%s` standing for the address),
/// else the desktop's opener. The address is always one argument of its own, never given to
/// a shell.
pub fn browser_command(url: &str, browser: Option<&str>) -> Option<(String, Vec<String>)> {
    let configured = browser
        .and_then(|b| b.split(':').map(str::trim).find(|c| !c.is_empty()))
        .map(str::to_owned);
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let line = configured.unwrap_or_else(|| opener.to_owned());
    let mut words = line.split_whitespace().map(str::to_owned);
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    if let Some(slot) = args.iter_mut().find(|a| a.as_str() == "%s") {
        url.clone_into(slot);
    } else {
        args.push(url.to_owned());
    }
    Some((program, args))
}

/// Starts the browser detached from the terminal (its own process group, no stdin, its
/// output discarded so it cannot draw over the screen), and reaps it when it ends.
fn open_in_browser(url: &str, browser: Option<&str>) -> io::Result<()> {
    let Some((program, args)) = browser_command(url, browser) else {
        return Err(io::Error::other("$BROWSER is empty"));
    };
    let mut command = Command::new(&program);
    command
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .spawn()
        .map_err(|error| io::Error::other(format!("cannot start {program}: {error}")))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// The OSC 52 sequence that puts `text` on the clipboard; `text` travels in base64, so
/// nothing in it can end the sequence early.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_examples() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (text, encoded) in cases {
            assert_eq!(base64(text.as_bytes()), encoded);
        }
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
    }

    #[test]
    fn the_address_is_one_argument_whatever_it_holds() {
        let url = "https://example.org/a b;rm -rf ~";
        let (program, args) = browser_command(url, Some("firefox --new-tab:lynx")).unwrap();
        assert_eq!(
            (program.as_str(), args),
            ("firefox", vec!["--new-tab".to_owned(), url.to_owned()])
        );
        let (program, args) = browser_command(url, Some("w3m %s -X")).unwrap();
        assert_eq!(
            (program.as_str(), args),
            ("w3m", vec![url.to_owned(), "-X".to_owned()])
        );
        let (program, args) = browser_command(url, None).unwrap();
        assert!(program == "xdg-open" || program == "open");
        assert_eq!(args, [url]);
        assert!(
            browser_command(url, Some(" : ")).is_some_and(|(p, _)| p == "xdg-open" || p == "open")
        );
    }
}
