#pragma once

#include "command.h"

namespace flowbench::cli {

// push FILE URL [--replace]: copies a project (file or JSON) into a shared PostgreSQL
// database, in one transaction, through the store (not an SQL dump).
class PushCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("push"); }
    QString summary() const override
    {
        return QStringLiteral("Copy a project file into a shared project on PostgreSQL.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

// pull URL FILE [--replace]: copies a shared project into a new project file (or *.json).
class PullCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("pull"); }
    QString summary() const override
    {
        return QStringLiteral("Copy a shared project on PostgreSQL into a project file.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
