//! lectern: a keyboard-driven terminal reader for multilingual news.
//!
//! The crate is a pure core (ingestion, text layout, filtering, persistence)
//! with a thin terminal layer on top; `main.rs` only wires them together.

pub mod action;
pub mod app;
pub mod article;
pub mod cli;
pub mod compare;
pub mod config;
pub mod db;
pub mod feed;
pub mod filter;
pub mod html;
pub mod keymap;
pub mod launch;
pub mod library;
pub mod net;
pub mod regular_file;
pub mod search;
pub mod store;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;
